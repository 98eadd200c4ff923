using Confluent.Kafka;
using PerfMonitor.Alerting;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.AppHost.Kafka;
using PerfMonitor.Contracts;
using PerfMonitor.Embedded.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.AppHost.Tests;

public sealed class ConsumedRecordsTrimTests
{
    private const string Topic = "trim.test";
    private const string Unlisted = "trim.unlisted";

    private static readonly Dictionary<string, string[]> Readers = new() { [Topic] = ["analytics", "alerting"] };

    [Fact]
    public void A_partition_is_consumed_up_to_the_lowest_offset_its_readers_committed()
    {
        var consumed = ConsumedRecordsTrim.Consumed(Readers, partitions: 1,
            [Offset("analytics", Topic, 0, 40), Offset("alerting", Topic, 0, 25)]).ToList();

        Assert.Equal([new TopicPartitionOffset(Topic, 0, 25)], consumed);
    }

    [Fact]
    public void A_partition_a_reader_has_not_committed_on_is_not_consumed()
    {
        var consumed = ConsumedRecordsTrim.Consumed(Readers, partitions: 2,
            [Offset("analytics", Topic, 0, 40), Offset("alerting", Topic, 1, 25), Offset("analytics", Topic, 1, 30)]).ToList();

        Assert.Equal([new TopicPartitionOffset(Topic, 1, 25)], consumed);
    }

    [Fact]
    public void Offsets_of_groups_that_do_not_read_the_topic_and_of_topics_without_readers_trim_nothing()
    {
        var consumed = ConsumedRecordsTrim.Consumed(Readers, partitions: 1,
            [Offset("analytics", Topic, 0, 40), Offset("someone-else", Topic, 0, 90), Offset("analytics", Unlisted, 0, 40), Offset("alerting", Unlisted, 0, 40)]).ToList();

        Assert.Empty(consumed);
    }

    [Fact]
    public void The_default_readers_of_each_topic_are_the_groups_the_services_consume_it_in()
    {
        var alerting = new AlertingOptions();

        Assert.Equal(
            new Dictionary<string, string[]>
            {
                [Topics.Samples] = [RollupOptions.ConsumerGroup, alerting.ConsumerGroup],
                [Topics.Events] = [EventStreamConsumer.GroupOf(alerting)],
                [Topics.AlertGroups] = [GroupedSampleConsumer.GroupOf(alerting)],
            },
            new AppHostOptions().KafkaTopicReaders);
    }

    [Fact(Timeout = 120_000)]
    public async Task Records_every_reader_committed_are_deleted_and_every_reader_still_reads_all_it_has_not()
    {
        await using var cluster = EmbeddedKafka.Start();
        cluster.CreateTopic(Topic, 2);
        cluster.CreateTopic(Unlisted, 2);
        var kafka = new EmbeddedKafkaResource("kafka", partitions: 2, topics: [Topic, Unlisted]);
        kafka.Started(cluster);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            // One request per record, so each is a batch of its own, as a busy producer's are.
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync(new TopicPartition(Topic, 0), new Message<Null, string> { Value = $"p0-{i}" });
                await producer.ProduceAsync(new TopicPartition(Topic, 1), new Message<Null, string> { Value = $"p1-{i}" });
                await producer.ProduceAsync(new TopicPartition(Unlisted, 0), new Message<Null, string> { Value = $"u-{i}" });
            }
        }
        Commit(cluster, "analytics", new TopicPartitionOffset(Topic, 0, 7), new TopicPartitionOffset(Topic, 1, 9), new TopicPartitionOffset(Unlisted, 0, 9));
        Commit(cluster, "alerting", new TopicPartitionOffset(Topic, 0, 4), new TopicPartitionOffset(Unlisted, 0, 9));
        var options = new AppHostOptions { KafkaTrimInterval = TimeSpan.FromMilliseconds(100), KafkaTopicReaders = Readers };
        using var committed = new GroupOffsets(kafka, offsetsDatabase: null, ["analytics", "alerting"]);
        using var stop = new CancellationTokenSource();

        var trimming = new ConsumedRecordsTrim(kafka, committed, options, new RecordingLogger()).RunAsync(stop.Token);
        using var watermarks = new ConsumerBuilder<Ignore, string>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "trim.reader" }).Build();
        var start = await Eventually.GetAsync(
            () => Task.FromResult(watermarks.QueryWatermarkOffsets(new TopicPartition(Topic, 0), TimeSpan.FromSeconds(5)).Low.Value),
            low => low > 0, TimeSpan.FromSeconds(30), "records of partition 0 deleted");
        await stop.CancelAsync();
        await trimming;

        Assert.Equal(4, start);
        Assert.Equal(0, watermarks.QueryWatermarkOffsets(new TopicPartition(Topic, 1), TimeSpan.FromSeconds(5)).Low.Value);
        Assert.Equal(0, watermarks.QueryWatermarkOffsets(new TopicPartition(Unlisted, 0), TimeSpan.FromSeconds(5)).Low.Value);
        Assert.Equal(["p0-4", "p0-5", "p0-6", "p0-7", "p0-8", "p0-9"], Read(watermarks, new TopicPartitionOffset(Topic, 0, 4), 6));
    }

    private static CommittedOffset Offset(string group, string topic, int partition, long offset) => new(group, new TopicPartition(topic, partition), offset);

    private static void Commit(EmbeddedKafka cluster, string group, params TopicPartitionOffset[] offsets)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = group }).Build();
        consumer.Commit(offsets);
    }

    private static List<string> Read(IConsumer<Ignore, string> consumer, TopicPartitionOffset from, int count)
    {
        consumer.Assign(from);
        var values = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (values.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
            {
                values.Add(record.Message.Value);
            }
        }
        return values;
    }
}
