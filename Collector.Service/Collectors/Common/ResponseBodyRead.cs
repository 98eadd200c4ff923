namespace PerfMonitor.Collector.Collectors.Common;

/// <summary>A body read within its limit (the bytes, when kept), or why it was given up.</summary>
public sealed record ResponseBodyRead(byte[]? Body, long Bytes, string? Failure);
