namespace PerfMonitor.Collector.Spool;

/// <summary>
/// Kafka cannot take the samples and the spool cannot either: nothing of the request was made durable here, so it
/// is refused with a retry hint (503 + Retry-After, gRPC UNAVAILABLE), never acknowledged.
/// </summary>
public abstract class SpoolUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>The problem's title on HTTP.</summary>
    public abstract string Title { get; }
}
