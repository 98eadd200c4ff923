using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>One sample of a group's series as its window needs it: which series (counters are stepped per series), when, what, and whether it counts in a ratio's numerator.</summary>
public readonly record struct GroupedSample(long SeriesId, long TimestampUnixMs, double Value, Temporality Temporality, bool InNumerator);
