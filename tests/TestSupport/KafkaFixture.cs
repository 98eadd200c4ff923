using PerfMonitor.Contracts;
using PerfMonitor.Embedded.Kafka;
using Xunit;

namespace PerfMonitor.TestSupport;

/// <summary>The embedded Kafka-protocol broker with PerfMonitor's topics, hosted in the test process.</summary>
public sealed class KafkaFixture : IAsyncLifetime
{
    public const int Partitions = 8;

    /// <summary>
    /// A fresh consumer group's first assignment waits this long for more members instead of the broker's 3 s: a
    /// service host starts two or three groups each time a test starts or restarts it, and each waited the 3 s out.
    /// Members that start together still join within it; a later one triggers a rebalance, as on any broker.
    /// </summary>
    public static readonly TimeSpan GroupInitialRebalanceDelay = TimeSpan.FromMilliseconds(250);

    public EmbeddedKafka Broker { get; private set; } = null!;

    public string BootstrapServers => Broker.BootstrapServers;

    public Task InitializeAsync()
    {
        Broker = EmbeddedKafka.Start();
        Broker.SetGroupInitialRebalanceDelay(GroupInitialRebalanceDelay);
        foreach (var topic in Topics.All)
        {
            Broker.CreateTopic(topic, Partitions);
        }
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Broker.DisposeAsync();
}
