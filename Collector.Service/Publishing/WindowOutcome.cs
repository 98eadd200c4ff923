namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// What one replayed window came to: records sent and records Kafka did not confirm (with the first reason), samples
/// confirmed, records acknowledged in the spool, and the in-flight produce the head waits on when it could not be
/// sent yet.
/// </summary>
public sealed record WindowOutcome(int Sent, int Failed, string? Failure, long Replayed, int Acknowledged, Task<bool>? WaitingFor)
{
    /// <summary>Kafka confirmed at least one record of the window.</summary>
    public bool ReachedKafka => Sent > Failed;
}
