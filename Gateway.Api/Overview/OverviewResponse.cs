namespace PerfMonitor.Gateway.Overview;

/// <summary>GET /api/v1/overview: the whole system on one screen.</summary>
/// <param name="PerformanceScore">Analytics' overall score; null when analytics did not answer.</param>
/// <param name="SystemHealth">The score's band (<see cref="PerfMonitor.Contracts.Health.ScoreBands"/>), <c>unknown</c> without a score.</param>
/// <param name="Sources">Per part, <c>ok</c> or why it is empty.</param>
public sealed record OverviewResponse(
    DateTimeOffset GeneratedAt,
    double? PerformanceScore,
    string SystemHealth,
    IReadOnlyList<ServiceScore> Services,
    ActiveAlerts ActiveAlerts,
    IReadOnlyList<RecentAnomaly> RecentAnomalies,
    IngestRate IngestRate,
    IReadOnlyList<string> Recommendations,
    IReadOnlyDictionary<string, string> Sources);
