namespace PerfMonitor.Collector.Spool;

/// <summary>A payload to spool and, when a produce of it is still in flight, that produce's outcome.</summary>
public sealed record SpoolPayload(byte[] Data, Task<bool>? InFlight = null);
