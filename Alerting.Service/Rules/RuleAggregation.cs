namespace PerfMonitor.Alerting.Rules;

/// <summary>What a threshold rule makes of the samples in its window.</summary>
public enum RuleAggregation
{
    Avg,
    Min,
    Max,
    Sum,
    Count,
    P50,
    P95,
    P99,

    /// <summary>Per-second increase of a counter, resets read as Prometheus does.</summary>
    Rate,

    /// <summary>The share, in percent, of the samples whose series also match the rule's numerator.</summary>
    Ratio,
}
