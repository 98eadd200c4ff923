namespace PerfMonitor.Analytics.Queries;

/// <summary>
/// One bucket merged across the matching series; percentiles come from merged sketches (never averaged),
/// rate is the counters' increase per second; <see cref="Value"/> is the requested aggregation.
/// </summary>
public sealed record RollupPoint(
    DateTimeOffset Time, long Count, double Sum, double Min, double Max, double Avg,
    double? P50, double? P90, double? P95, double? P99, double Rate, double Value);
