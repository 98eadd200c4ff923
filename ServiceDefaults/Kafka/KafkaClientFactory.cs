using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>Client configurations with the settings every PerfMonitor producer and consumer shares.</summary>
public sealed class KafkaClientFactory(IOptions<KafkaOptions> options)
{
    public KafkaOptions Options => options.Value;

    public ProducerConfig CreateProducerConfig() => KafkaSecurity.Apply(new ProducerConfig
    {
        BootstrapServers = options.Value.BootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        CompressionType = CompressionType.Lz4,
        LingerMs = 5,
    }, options.Value);

    /// <summary>Offsets are never auto-committed: each service stores what it consumed with what it produced.</summary>
    public ConsumerConfig CreateConsumerConfig(string groupId) => KafkaSecurity.Apply(new ConsumerConfig
    {
        BootstrapServers = options.Value.BootstrapServers,
        GroupId = groupId,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        IsolationLevel = IsolationLevel.ReadCommitted,
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        FetchQueueBackoffMs = options.Value.FetchQueueBackoffMs,
    }, options.Value);

    public AdminClientConfig CreateAdminConfig() => KafkaSecurity.Apply(new AdminClientConfig { BootstrapServers = options.Value.BootstrapServers }, options.Value);
}
