namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>What a census found; counting stops at the first limit passed, so the counts are then lower bounds.</summary>
/// <param name="ParsedBytes">The memory parsing would take, estimated (<see cref="ParsedCost"/>).</param>
public readonly record struct WireCount(WireVerdict Verdict, long ParsedBytes, long Samples, long Labels);
