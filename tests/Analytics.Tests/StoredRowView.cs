namespace PerfMonitor.Analytics.Tests;

/// <summary>A stored derived row compared by value, its sketch described by its count and quantiles.</summary>
public sealed record StoredRowView(long SeriesId, DateTime Bucket, long Count, double Sum, double Min, double Max, double Last, long LastAtMs, double Increase, string Sketch);
