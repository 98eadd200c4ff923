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

/// <summary>A service's health score now (0-100, status band) and its lowest score during the period.</summary>
public sealed record ServiceHealthLine(string Service, double Score, string Status, double? LowestScore);

/// <summary>A rule's alerts that started firing in the period; times to resolve of those that resolved, in seconds.</summary>
public sealed record AlertLine(string Rule, string Severity, int Fired, int Resolved, double? MeanSecondsToResolve, double? MaxSecondsToResolve);

/// <summary>The anomalies of one metric of one service in the period.</summary>
public sealed record AnomalyLine(string Service, string Metric, int Count, string HighestSeverity, double HighestScore);

/// <summary>A route's p95 request duration in the period and in the same period a week before (null: no requests then).</summary>
public sealed record RouteLine(string Service, string Route, string Method, double P95, double? PreviousP95, double? ChangePercent);

/// <summary>A service's requests and server errors (5xx) in the period and a week before.</summary>
public sealed record TrafficLine(string Service, double Requests, double PreviousRequests, double? RequestsChangePercent, double Errors, double PreviousErrors);
