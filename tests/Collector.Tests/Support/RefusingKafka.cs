using Confluent.Kafka;
using PerfMonitor.Contracts;
using PerfMonitor.Embedded.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>
/// A Kafka-protocol broker of its own that refuses produce requests when told to: the embedded broker (librdkafka's
/// mock cluster) with its produce-error fault. Real protocol errors for real clients; PerfMonitor's topics with
/// <see cref="KafkaFixture.Partitions"/> partitions.
/// </summary>
public sealed class RefusingKafka : IDisposable
{
    private readonly EmbeddedKafka broker = EmbeddedKafka.Start();

    public RefusingKafka()
    {
        foreach (var topic in Topics.All)
        {
            broker.CreateTopic(topic, KafkaFixture.Partitions);
        }
    }

    public string BootstrapServers => broker.BootstrapServers;

    /// <summary>The next <paramref name="times"/> produce requests to the partition are answered with <paramref name="error"/>.</summary>
    public void RefuseProduce(string topic, int partition, ErrorCode error, int times) => broker.RefuseProduce(topic, partition, (int)error, times);

    public void Dispose() => broker.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
