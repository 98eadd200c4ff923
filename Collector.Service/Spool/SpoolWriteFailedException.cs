namespace PerfMonitor.Collector.Spool;

/// <summary>
/// The spool's disk refused the write (full, read-only, gone). What was written of it has been cut off again, so the
/// request must be refused, 503 with Retry-After, like a full spool.
/// </summary>
public sealed class SpoolWriteFailedException(Exception cause, TimeSpan retryAfter)
    : SpoolUnavailableException($"The spool could not write to disk ({cause.Message}) while Kafka is unavailable; retry after {retryAfter.TotalSeconds:0} s.", retryAfter, cause)
{
    public override string Title => "Kafka is unavailable and the spool cannot write";
}
