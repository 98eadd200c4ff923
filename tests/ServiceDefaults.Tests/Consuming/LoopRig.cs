using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests.Consuming;

/// <summary>A fresh topic and group on the embedded broker, loops on it, and a way to read what the group committed.</summary>
public sealed class LoopRig : IDisposable
{
    /// <summary>
    /// A member learns of a rebalance from its next heartbeat (2 s apart by default), and the embedded broker holds an
    /// empty fetch for its whole wait (500 ms by default) even when records arrive: both shorter on the rig.
    /// </summary>
    private static readonly Dictionary<string, string?> Quick = new()
    {
        ["Kafka:HeartbeatIntervalMs"] = "500",
        ["Kafka:FetchWaitMaxMs"] = "50",
    };

    private readonly IHost host;
    private readonly KafkaFixture kafka;

    public LoopRig(KafkaFixture kafka, int partitions, Dictionary<string, string?>? settings = null)
    {
        this.kafka = kafka;
        Topic = $"loop-{Guid.NewGuid():N}";
        Group = $"group-{Guid.NewGuid():N}";
        kafka.Broker.CreateTopic(Topic, partitions);
        var merged = new Dictionary<string, string?>(Quick);
        foreach (var (key, value) in settings ?? [])
        {
            merged[key] = value;
        }
        host = KafkaHosts.Build(merged, kafka.BootstrapServers);
        Factory = host.Services.GetRequiredService<KafkaClientFactory>();
    }

    public string Topic { get; }

    public string Group { get; }

    public KafkaClientFactory Factory { get; }

    public KafkaConsumerSettings Settings(bool storeOffsets = false) => new("test", Group, [Topic], "PerfMonitor.Tests")
    {
        RestartDelay = TimeSpan.FromMilliseconds(100),
        StoreOffsets = storeOffsets,
        // Commit stored offsets soon, so a test sees what was stored without waiting for the client to close.
        Configure = config =>
        {
            config.EnableAutoCommit = true;
            config.AutoCommitIntervalMs = 100;
        },
    };

    public KafkaConsumerLoop Loop(TimeProvider? clock = null) =>
        new(Factory, host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), clock ?? TimeProvider.System, NullLogger<KafkaConsumerLoop>.Instance);

    public KafkaConsumerMetrics Metrics(KafkaConsumerSettings settings) =>
        new(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), settings);

    public async Task ProduceAsync(int partition, int count)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(Factory.CreateProducerConfig()).Build();
        for (var i = 0; i < count; i++)
        {
            await producer.ProduceAsync(new TopicPartition(Topic, partition), new Message<byte[], byte[]> { Key = [], Value = [(byte)i] });
        }
    }

    /// <summary>The group's committed offset of partition 0, read by a consumer that never joins the group.</summary>
    public long Committed()
    {
        using var reader = new ConsumerBuilder<byte[], byte[]>(Factory.CreateConsumerConfig(Group)).Build();
        return reader.Committed([new TopicPartition(Topic, 0)], TimeSpan.FromSeconds(10))[0].Offset.Value;
    }

    public void Dispose() => host.Dispose();
}
