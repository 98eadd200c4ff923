using PerfMonitor.Analytics.Sketches;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>One stored minute of a series, as the hourly job reads it.</summary>
public sealed record MinuteRow(long SeriesId, DateTime Bucket, long Count, double Sum, double Min, double Max, double Last, long LastAtMs, double Increase, DDSketch? Sketch);
