using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Collectors.Common;
using PerfMonitor.Collector.Collectors.Kafka;
using PerfMonitor.Contracts;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests;

public sealed class KafkaLagCollectorTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    /// <summary>On every PerfMonitor topic: alerting's groups commit on the events and grouped-samples topics too.</summary>
    [Theory(Timeout = 60_000)]
    [InlineData(Topics.Samples)]
    [InlineData(Topics.Events)]
    [InlineData(Topics.AlertGroups)]
    public async Task Lag_is_the_high_watermark_minus_the_offset_the_group_committed(string topic)
    {
        var factory = new KafkaClientFactory(Options.Create(new KafkaOptions { BootstrapServers = kafka.BootstrapServers }));
        var partition = new TopicPartition(topic, new Partition(3));
        var group = $"lagging-{topic}";
        using (var producer = new ProducerBuilder<Null, byte[]>(factory.CreateProducerConfig()).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync(partition, new Message<Null, byte[]> { Value = [1] });
            }
        }
        using (var consumer = new ConsumerBuilder<Ignore, Ignore>(factory.CreateConsumerConfig(group)).Build())
        {
            consumer.Commit([new TopicPartitionOffset(partition, new Offset(4))]);
        }
        var options = new KafkaLagCollectorOptions { Groups = [group], PostgresGroups = [] };
        await using var database = new CollectorDatabase(new ConfigurationBuilder().Build());
        using var collector = new KafkaLagCollector(null!, TimeProvider.System, factory, database, Options.Create(options), NullLogger<KafkaLagCollector>.Instance);

        var samples = await collector.CollectOnceAsync(CancellationToken.None);

        var lag = Assert.Single(samples, s => s.Metric == "kafka_consumer_lag");
        Assert.Equal(6, lag.Value);
        Assert.Contains(lag.Labels, l => l.Name == "partition" && l.Value == "3");
        Assert.Contains(lag.Labels, l => l.Name == "group" && l.Value == group);
        Assert.Equal(6, Assert.Single(samples, s => s.Metric == "kafka_consumer_group_lag").Value);
    }
}
