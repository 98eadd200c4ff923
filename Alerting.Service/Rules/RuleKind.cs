namespace PerfMonitor.Alerting.Rules;

/// <summary>What a rule watches: samples against a threshold, anomaly or health events, or a series that goes quiet.</summary>
public enum RuleKind
{
    Threshold,
    Anomaly,
    Health,
    Absence,
}
