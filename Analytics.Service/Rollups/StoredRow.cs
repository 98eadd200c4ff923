using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>A derived row (hour or five minutes) ready to copy into its table.</summary>
public sealed record StoredRow(long SeriesId, DateTime Bucket, Bucket Fields, double Increase, byte[] Sketch);
