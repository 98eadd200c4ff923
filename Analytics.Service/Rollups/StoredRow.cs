namespace PerfMonitor.Analytics.Rollups;

/// <summary>A derived row (hour or five minutes) ready to copy into its table.</summary>
public sealed record StoredRow(long SeriesId, DateTime Bucket, long Count, double Sum, double Min, double Max, double Last, long LastAtMs, double Increase, byte[] Sketch);
