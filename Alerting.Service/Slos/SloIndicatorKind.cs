namespace PerfMonitor.Alerting.Slos;

/// <summary>How an SLO tells good events from all events.</summary>
public enum SloIndicatorKind
{
    /// <summary>Two counters: the good events and all events (e.g. requests without a 5xx status, and all requests).</summary>
    Ratio,

    /// <summary>A classic histogram: the events in the bucket at or under the threshold are the good ones.</summary>
    Latency,
}
