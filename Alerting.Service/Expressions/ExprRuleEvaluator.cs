using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;

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
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!queries.IsConfigured)
        {
            LogNotConfigured(AnalyticsQueries.ServiceName);
            return;
        }
        using var timer = new PeriodicTimer(options.Value.ExprEvaluationInterval);
        do
        {
            foreach (var rule in await ownership.ClaimAsync(stoppingToken))
            {
                await EvaluateAsync(rule, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expr rule {RuleId} ({Name}) was not evaluated; its alerts stay as they are: {Reason}")]
    private partial void LogQueryFailed(Guid ruleId, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alerts of expr rule {RuleId} could not be written; the next evaluation tries again")]
    private partial void LogCommitFailed(Exception exception, Guid ruleId);
}
