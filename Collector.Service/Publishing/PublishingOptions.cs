using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Collector.Publishing;

/// <summary>How long the collector waits for Kafka before it spools, and how the spool is replayed.</summary>
public sealed class PublishingOptions
{
    public const string Section = "Collector:Publishing";

    /// <summary>
    /// A request whose batches Kafka has not confirmed within this time is spooled and answered. The produce stays
    /// in flight and the spooled copy is held back until its delivery report arrives, so this is never a duplicate.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SpoolAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// librdkafka's message.timeout.ms. Long on purpose: until it passes the idempotent producer keeps retrying
    /// with the same sequence numbers (the broker drops duplicates), so a failure it reports is a definite one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// librdkafka's message.max.bytes for the samples producer: the largest record it sends (librdkafka's default).
    /// Batches are split below it, and a sample that alone exceeds it is refused. Lower it to the broker's
    /// message.max.bytes or the topic's max.message.bytes when those are smaller.
    /// </summary>
    [Range(4_096, 1_000_000_000)]
    public int MessageMaxBytes { get; set; } = 1_000_000;

    /// <summary>Spooled records sent to Kafka at once while replaying.</summary>
    [Range(1, 10_000)]
    public int ReplayWindow { get; set; } = 64;

    /// <summary>
    /// librdkafka's reconnect.backoff.max.ms for the samples producer. librdkafka doubles the pause between attempts
    /// to reach a broker up to this (its default is 10 s), so after an outage it could sit out most of it before it
    /// sees the broker is back; the spool replays, and ingest returns to Kafka, only once it has.
    /// </summary>
    /// <remarks>At least librdkafka's first pause (reconnect.backoff.ms, 100 ms), which it must not undercut.</remarks>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ReconnectBackoffMax { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause after a failed replay attempt or an unanswered metadata request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);
}
