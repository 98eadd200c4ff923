namespace PerfMonitor.Analytics.Performance;

/// <summary>A metric over the last hours at an interval, as the seeds' charts ask for it.</summary>
public sealed record TimeSeriesResponse(string Metric, double Hours, string Interval, string Aggregation, IReadOnlyList<TimeSeriesPoint> Points);

public sealed record TimeSeriesPoint(DateTimeOffset Timestamp, double Value, long Count);
