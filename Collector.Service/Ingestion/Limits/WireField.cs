namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>One field of a <see cref="WireSchema"/>: its encoding, whether it repeats, and what an occurrence of it counts as.</summary>
internal readonly record struct WireField(WireKind Kind, bool Repeated, bool IsSample, bool IsLabel, WireSchema? Message);
