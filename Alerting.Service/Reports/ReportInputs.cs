using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// The typed data a report is made from: analytics' gRPC answers (health scores, anomalies), the PromQL answers for routes
/// and traffic in this period and a week before, and alerting's own firings. A null source did not answer; the
/// dictionary says why.
/// </summary>
public sealed record ReportInputs(
    HealthScoresResponse? Health,
    AnomaliesResponse? Anomalies,
    IReadOnlyList<AlertFiring> Firings,
    IReadOnlyList<ExprSample>? RouteP95,
    IReadOnlyList<ExprSample>? PreviousRouteP95,
    IReadOnlyList<ExprSample>? Requests,
    IReadOnlyList<ExprSample>? PreviousRequests,
    IReadOnlyList<ExprSample>? Errors,
    IReadOnlyList<ExprSample>? PreviousErrors,
    IReadOnlyDictionary<string, string> Unavailable);
