using PerfMonitor.Contracts.Health;

namespace PerfMonitor.Gateway.Overview;

/// <summary>
/// Composes the overview from analytics (health scores, anomalies of the last hour) and alerting (firing alerts), asked
/// in parallel through <see cref="OverviewSources"/>. A service that cannot answer leaves its part empty and is named in
/// <c>sources</c>; the overview itself still answers.
/// </summary>
public sealed class OverviewComposer(OverviewSources sources, IngestMeter ingest, TimeProvider clock)
{
    private const int MaxAnomalies = 20;
    private const int MaxAlerts = 50;
    private static readonly TimeSpan AnomalyWindow = TimeSpan.FromHours(1);

    /// <param name="callerScopes">The caller's scopes as the gateway forwards them to the services.</param>
    public async Task<OverviewResponse> ComposeAsync(string callerScopes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var scoresTask = sources.HealthScoresAsync(callerScopes, cancellationToken);
        var anomaliesTask = sources.AnomaliesAsync(now - AnomalyWindow, MaxAnomalies, callerScopes, cancellationToken);
        var alertsTask = sources.FiringAlertsAsync(callerScopes, cancellationToken);
        var (scores, anomalies, alerts) = (await scoresTask, await anomaliesTask, await alertsTask);

        IReadOnlyList<ServiceScore> services = [.. scores.Response?.Services.Select(ContractViews.From) ?? []];
        var overall = scores.Response?.PerformanceScore;
        IReadOnlyList<Contracts.V1.Alert> firing = [.. alerts.Response?.Alerts ?? []];
        var (requests, bytes) = ingest.Rate();

        return new OverviewResponse(
            now,
            overall,
            ScoreBands.Of(overall),
            services,
            new ActiveAlerts(
                firing.Count,
                firing.GroupBy(alert => alert.Severity).ToDictionary(group => group.Key, group => group.Count()),
                [.. firing.Take(MaxAlerts).Select(ContractViews.From)]),
            [.. anomalies.Response?.Anomalies.Take(MaxAnomalies).Select(ContractViews.From) ?? []],
            new IngestRate(Math.Round(requests, 3), Math.Round(bytes, 1)),
            services.SelectMany(service => service.Recommendations.Select(recommendation => $"{service.Name}: {recommendation}"))
                .Concat(scores.Response?.Recommendations ?? Enumerable.Empty<string>())
                .Distinct()
                .ToList(),
            new Dictionary<string, string>
            {
                ["health-scores"] = scores.Source,
                ["anomalies"] = anomalies.Source,
                ["alerts"] = alerts.Source,
            });
    }
}
