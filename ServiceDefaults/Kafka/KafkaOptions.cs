using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>Kafka client settings shared by every service; the bootstrap servers come from ConnectionStrings:kafka.</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    [Required]
    public string BootstrapServers { get; set; } = "";

    /// <summary>Partitions for topics this system creates itself (the embedded broker keeps 5 MiB per partition).</summary>
    [Range(1, 1024)]
    public int SamplePartitions { get; set; } = 32;

    /// <summary>
    /// librdkafka pauses a partition for fetch.queue.backoff.ms once its local queue is full (1 s by default),
    /// which leaves a fast consumer idle; a short pause keeps the pipeline busy.
    /// </summary>
    [Range(1, 10_000)]
    public int FetchQueueBackoffMs { get; set; } = 20;

    [Range(100, 60_000)]
    public int HealthTimeoutMs { get; set; } = 3_000;
}
