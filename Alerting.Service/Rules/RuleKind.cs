namespace PerfMonitor.Alerting.Rules;

/// <summary>
/// What a rule watches: samples against a threshold, anomaly or health events, a series that goes quiet, or the series a
/// PromQL expression returns.
/// </summary>
public enum RuleKind
{
    Threshold,
    Anomaly,
    Health,
    Absence,

    /// <summary>A PromQL expression evaluated on the analytics service every evaluation interval, as a Prometheus alerting rule.</summary>
    Expr,
}
