namespace PerfMonitor.Collector.Spool;

/// <summary>
/// Where one spooled payload lives: its segment, its index in that segment and its byte range.
/// <see cref="InFlight"/> is set when a produce of the same payload is still awaiting its delivery report
/// (it timed out for the caller, not for Kafka): true once delivered, false once definitely not.
/// </summary>
public sealed record SpoolRecord(long Segment, int Index, long Offset, int Length)
{
    public Task<bool>? InFlight { get; init; }
}
