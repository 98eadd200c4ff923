namespace PerfMonitor.Analytics.Queries;

/// <summary>One bucket merged across the matching series; <see cref="Value"/> is the requested aggregation.</summary>
public sealed record RollupPoint(DateTimeOffset Time, long Count, double Sum, double Min, double Max, double Avg, double Value);
