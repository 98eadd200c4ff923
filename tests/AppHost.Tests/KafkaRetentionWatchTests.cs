using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using PerfMonitor.AppHost.Kafka;
using PerfMonitor.Embedded.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.AppHost.Tests;

public sealed class KafkaRetentionWatchTests
{
    private const string Topic = "retention.test";
    private const int RecordBytes = 100 * 1024;

    [Fact(Timeout = 120_000)]
    public async Task A_group_falling_behind_toward_what_the_embedded_broker_retains_is_warned_about_in_the_kafka_log()
    {
        await using var cluster = EmbeddedKafka.Start();
        cluster.CreateTopic(Topic, 1);
        var kafka = new EmbeddedKafkaResource("kafka", partitions: 1, topics: [Topic]);
        kafka.Started(cluster);
        // The group has read nothing: its committed offset is the start of the partition.
        using (var group = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "alerting" }).Build())
        {
            group.Commit([new TopicPartitionOffset(Topic, 0, 0)]);
        }
        // 30 x 100 KiB unread: about 60% of the 5 MiB a partition keeps.
        using (var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            for (var i = 0; i < 30; i++)
            {
                await producer.ProduceAsync(Topic, new Message<Null, byte[]> { Value = new byte[RecordBytes] });
            }
        }
        var log = new RecordingLogger();
        var options = new AppHostOptions { KafkaRetentionCheckInterval = TimeSpan.FromMilliseconds(200) };
        using var committed = new GroupOffsets(kafka, offsetsDatabase: null, ["alerting"]);
        using var stop = new CancellationTokenSource();

        var watching = new KafkaRetentionWatch(kafka, committed, options, log).RunAsync(stop.Token);
        var warning = await Eventually.GetAsync(
            () => Task.FromResult(log.Entries.FirstOrDefault(e => e.Level == LogLevel.Warning).Message),
            message => message is not null, TimeSpan.FromSeconds(60), "a retention warning");
        await stop.CancelAsync();
        await watching;

        Assert.Contains("alerting", warning, StringComparison.Ordinal);
        Assert.Contains($"{Topic}[0]", warning, StringComparison.Ordinal);
        Assert.Contains("30 batches", warning, StringComparison.Ordinal);
    }
}
