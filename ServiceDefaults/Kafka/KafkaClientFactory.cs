using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>Client configurations with the settings every PerfMonitor producer and consumer shares.</summary>
public sealed class KafkaClientFactory(IOptions<KafkaOptions> options)
{
    public KafkaOptions Options => options.Value;

    public ProducerConfig CreateProducerConfig() => new()
    {
        BootstrapServers = options.Value.BootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        CompressionType = CompressionType.Lz4,
        LingerMs = 5,
    };

    /// <summary>Offsets are never auto-committed: each service stores what it consumed with what it produced.</summary>
    public ConsumerConfig CreateConsumerConfig(string groupId) => new()
    {
        BootstrapServers = options.Value.BootstrapServers,
        GroupId = groupId,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        IsolationLevel = IsolationLevel.ReadCommitted,
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        FetchQueueBackoffMs = options.Value.FetchQueueBackoffMs,
    };

    public AdminClientConfig CreateAdminConfig() => new() { BootstrapServers = options.Value.BootstrapServers };
}
