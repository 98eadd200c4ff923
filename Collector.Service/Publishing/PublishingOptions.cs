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

    /// <summary>Spooled records sent to Kafka at once while replaying.</summary>
    [Range(1, 10_000)]
    public int ReplayWindow { get; set; } = 64;

    /// <summary>Pause after a failed replay attempt or an unanswered metadata request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);
}
