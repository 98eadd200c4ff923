namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// What a report says, as numbers: kept as JSON beside its HTML and Slack renderings. A section whose source did not
/// answer is empty and <see cref="Unavailable"/> says why, so a report is still made when analytics is down.
/// </summary>
public sealed record Report(
    ReportKind Kind,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ServiceHealthLine> Health,
    IReadOnlyList<AlertLine> Alerts,
    IReadOnlyList<AnomalyLine> Anomalies,
    IReadOnlyList<RouteLine> SlowestRoutes,
    IReadOnlyList<TrafficLine> Traffic,
    IReadOnlyDictionary<string, string> Unavailable);
