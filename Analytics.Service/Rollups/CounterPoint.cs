namespace PerfMonitor.Analytics.Rollups;

/// <summary>The last observed value of a counter series.</summary>
public readonly record struct CounterPoint(long TimestampMs, double Value);
