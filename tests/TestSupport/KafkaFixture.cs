using PerfMonitor.Contracts;
using PerfMonitor.Embedded.Kafka;
using Xunit;

namespace PerfMonitor.TestSupport;

/// <summary>The embedded Kafka-protocol broker with PerfMonitor's topics, hosted in the test process.</summary>
public sealed class KafkaFixture : IAsyncLifetime
{
    public const int Partitions = 8;

    public EmbeddedKafka Broker { get; private set; } = null!;

    public string BootstrapServers => Broker.BootstrapServers;

    public Task InitializeAsync()
    {
        Broker = EmbeddedKafka.Start();
        foreach (var topic in Topics.All)
        {
            Broker.CreateTopic(topic, Partitions);
        }
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Broker.DisposeAsync();
}
