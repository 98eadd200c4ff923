using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Alerting.Expressions;

/// <summary>
/// Evaluates the enabled expr rules every <see cref="AlertingOptions.ExprEvaluationInterval"/>, one after the other as a
/// Prometheus rule group does: each rule's expression is queried on the analytics service at the evaluation time and the
/// series it returns go through the same stages as every other alert (<see cref="ExprResults"/>). A rule whose query
/// fails keeps its alerts as they are until a query succeeds, as Prometheus does. With several replicas each rule is
/// evaluated by the one holding it (<see cref="ExprRuleOwnership"/>), so a rule is queried and notified once.
/// </summary>
public sealed partial class ExprRuleEvaluator(
    AnalyticsQueries queries, AlertEngine engine, ExprResults results, ExprRuleOwnership ownership, IOptions<AlertingOptions> options, ILogger<ExprRuleEvaluator> logger)
    : PeriodicJob(TimeProvider.System)
{
    protected override string JobName => "expr-rule-evaluation";

    /// <summary>
    /// Without jitter, as a Prometheus rule group keeps its evaluation interval. Untimed: each query carries the HTTP
    /// client's timeout and fails alone, while a round cut short would leave the rules at the end of the list unevaluated
    /// every round.
    /// </summary>
    protected override JobSchedule Schedule => JobSchedule.Untimed(options.Value.ExprEvaluationInterval) with { Jitter = 0 };

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!queries.IsConfigured)
        {
            LogNotConfigured(AnalyticsQueries.ServiceName);
            return Task.CompletedTask;
        }
        return base.ExecuteAsync(stoppingToken);
    }

    protected override async Task RunJobAsync(CancellationToken cancellationToken)
    {
        foreach (var rule in await ownership.ClaimAsync(cancellationToken))
        {
            await EvaluateAsync(rule, cancellationToken);
        }
    }

    protected override void OnFailed(Exception exception) => LogRoundFailed(exception);

    private async Task EvaluateAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        try
        {
            var result = await queries.InstantAsync(rule.Expr!, DateTimeOffset.UtcNow, cancellationToken);
            await engine.EvaluateAsync(now => results.Apply(rule, result, now), cancellationToken);
        }
        catch (AnalyticsQueryException ex)
        {
            LogQueryFailed(rule.Id, rule.Name, ex.Message);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            LogCommitFailed(ex, rule.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expr rules are not evaluated: no {Service} service is configured (services__analytics__http__0)")]
    private partial void LogNotConfigured(string service);

    [LoggerMessage(Level = LogLevel.Error, Message = "An expr rule round failed; the rules keep their alerts until the next round")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expr rule {RuleId} ({Name}) was not evaluated; its alerts stay as they are: {Reason}")]
    private partial void LogQueryFailed(Guid ruleId, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alerts of expr rule {RuleId} could not be written; the next evaluation tries again")]
    private partial void LogCommitFailed(Exception exception, Guid ruleId);
}
