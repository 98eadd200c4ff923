namespace PerfMonitor.Collector.Spool;

/// <summary>Kafka cannot take the samples and the spool has no room: the request must be refused, 503 with Retry-After.</summary>
public sealed class SpoolFullException(long bytes, long maxBytes, TimeSpan retryAfter)
    : SpoolUnavailableException($"The spool is full ({bytes} of {maxBytes} bytes) while Kafka is unavailable; retry after {retryAfter.TotalSeconds:0} s.", retryAfter)
{
    public override string Title => "Kafka is unavailable and the spool is full";
}
