namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// What one flush wrote and where its time went: <see cref="ReadBackRows"/> rows were not known to this consumer and
/// had to be read back and merged (their time is <see cref="ReadBack"/>); <see cref="KnownDropped"/> known rows were
/// forgotten to stay within the memory bound; <see cref="FutureSamples"/> were stamped further past their arrival than
/// Rollups:MaxFutureSkew (merged, but held back from the watermark).
/// </summary>
public sealed record FlushResult(int Cells, int ReadBackRows, long Samples, long LateSamples, TimeSpan ReadBack, TimeSpan Total, int KnownDropped = 0, long FutureSamples = 0);
