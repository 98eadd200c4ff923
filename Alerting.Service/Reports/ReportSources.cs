using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Expressions;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// Gathers a report's inputs: health scores and anomalies from analytics' perfmon.v1.Query (<see cref="AnalyticsGrpcSource"/>),
/// routes and traffic from analytics' PromQL API at the period's end and a week before, and alert firings from alerting's
/// own tables. A source that fails leaves its part empty and says why.
/// </summary>
public sealed partial class ReportSources(
    AnalyticsGrpcSource analytics, AnalyticsQueries promql, AlertFirings firings, IOptions<ReportOptions> options, ILogger<ReportSources> logger)
{
    private static readonly TimeSpan WeekBefore = TimeSpan.FromDays(7);

    public async Task<ReportInputs> GatherAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var unavailable = new Dictionary<string, string>(StringComparer.Ordinal);
        var health = await analytics.HealthAsync(start, end, unavailable, cancellationToken);
        var anomalies = await analytics.AnomaliesAsync(start, end, unavailable, cancellationToken);

        var queries = new ReportQueries(options.Value.RequestMetric, end - start);
        var routes = await PromQLAsync("slowestRoutes", unavailable, queries.RouteP95, end, cancellationToken);
        var previousRoutes = await PromQLAsync("slowestRoutes", unavailable, queries.RouteP95, end - WeekBefore, cancellationToken);
        var requests = await PromQLAsync("traffic", unavailable, queries.Requests, end, cancellationToken);
        var previousRequests = await PromQLAsync("traffic", unavailable, queries.Requests, end - WeekBefore, cancellationToken);
        var errors = await PromQLAsync("traffic", unavailable, queries.ServerErrors, end, cancellationToken);
        var previousErrors = await PromQLAsync("traffic", unavailable, queries.ServerErrors, end - WeekBefore, cancellationToken);

        return new ReportInputs(health, anomalies, await firings.ListAsync(start, end, cancellationToken),
            routes, previousRoutes, requests, previousRequests, errors, previousErrors, unavailable);
    }

    private async Task<IReadOnlyList<ExprSample>?> PromQLAsync(
        string section, Dictionary<string, string> unavailable, string expr, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!promql.IsConfigured)
        {
            unavailable[section] = $"no analytics service is configured (services:{AnalyticsQueries.ServiceName}:http:0)";
            return null;
        }
        try
        {
            return await promql.InstantAsync(expr, at, cancellationToken);
        }
        catch (AnalyticsQueryException ex)
        {
            LogSourceFailed(section, ex.Message);
            unavailable[section] = ex.Message;
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report section {Section} is left empty: {Reason}")]
    private partial void LogSourceFailed(string section, string reason);
}
