using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>
/// Client configurations with the settings every PerfMonitor producer and consumer shares. Faults are short: clients
/// reconnect within <see cref="KafkaOptions.ReconnectBackoffMaxMs"/> of a broker's return, and a dead consumer's
/// partitions move after <see cref="KafkaOptions.SessionTimeoutMs"/> (or return to it at once under static membership).
/// </summary>
public sealed class KafkaClientFactory(IOptions<KafkaOptions> options, KafkaGroupInstance? groupInstance = null)
{
    public KafkaOptions Options => options.Value;

    /// <summary>This replica's group.instance.id, or null for dynamic membership.</summary>
    public string? GroupInstanceId => (groupInstance ?? KafkaGroupInstance.None).Id;

    public ProducerConfig CreateProducerConfig() => Shared(new ProducerConfig
    {
        EnableIdempotence = true,
        Acks = Acks.All,
        CompressionType = CompressionType.Lz4,
        LingerMs = options.Value.ProducerLingerMs,
    });

    /// <summary>
    /// Offsets are never auto-committed: each service stores what it consumed with what it produced. Cooperative
    /// rebalancing moves only the partitions that change owner.
    /// </summary>
    public ConsumerConfig CreateConsumerConfig(string groupId) => Shared(new ConsumerConfig
    {
        GroupId = groupId,
        GroupInstanceId = GroupInstanceId,
        SessionTimeoutMs = options.Value.SessionTimeoutMs,
        HeartbeatIntervalMs = options.Value.HeartbeatIntervalMs,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        IsolationLevel = IsolationLevel.ReadCommitted,
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        FetchQueueBackoffMs = options.Value.FetchQueueBackoffMs,
        QueuedMaxMessagesKbytes = options.Value.ConsumerQueueMaxKbytes,
        FetchMaxBytes = options.Value.ConsumerQueueMaxKbytes * 1024,
        FetchWaitMaxMs = options.Value.FetchWaitMaxMs,
    });

    public AdminClientConfig CreateAdminConfig() => Shared(new AdminClientConfig());

    private T Shared<T>(T config) where T : ClientConfig
    {
        config.BootstrapServers = options.Value.BootstrapServers;
        config.ReconnectBackoffMs = options.Value.ReconnectBackoffMs;
        config.ReconnectBackoffMaxMs = options.Value.ReconnectBackoffMaxMs;
        return KafkaSecurity.Apply(config, options.Value);
    }
}
