namespace PerfMonitor.Collector.Ingestion;

/// <summary>Why the sample at <paramref name="Index"/> of a request was refused, naming the offending field.</summary>
public sealed record SampleError(int Index, string Field, string Reason);
