using PerfMonitor.Analytics.Sketches;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>One stored minute of a series, as the hourly job reads it: its bucket fields, the rollups API's increase and the sketch.</summary>
public sealed record MinuteRow(long SeriesId, DateTime Bucket, Bucket Fields, double Increase, DDSketch? Sketch);
