namespace PerfMonitor.Analytics.Rollups;

/// <summary>What one flush wrote and where its time went: the sketch read-modify-write is measured separately.</summary>
public sealed record FlushResult(int Cells, int ExistingRows, long Samples, long LateSamples, TimeSpan SketchRead, TimeSpan Total);
