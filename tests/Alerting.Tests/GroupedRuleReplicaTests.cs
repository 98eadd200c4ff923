using System.Text.Json;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>
/// Grouped and ratio rules with two alerting replicas in one consumer group. Samples are partitioned by series, so each
/// replica reads part of a group; the group's value must still be the whole group's.
/// </summary>
[Trait("Category", "System")]
public sealed class GroupedRuleReplicaTests(GroupedRuleReplicaTests.Host host) : IClassFixture<GroupedRuleReplicaTests.Host>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public sealed class Host : AlertingHost;

    [Fact(Timeout = 240_000)]
    public async Task A_grouped_sum_and_a_ratio_are_the_whole_group_s_when_two_replicas_each_read_part_of_it()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var run = $"r{Guid.NewGuid():N}"[..10];
        var rules = new ThresholdRules(host);
        // Eight series of one service, one on each partition: 80 in all; a replica holding half the partitions reads 40.
        var sumRule = await rules.CreateAsync(receiver, $"queue_{run}", [], new { aggregation = "sum", groupBy = new[] { "service" }, threshold = 75, @for = "2s" });
        // 8 errors on partition 0 and 84 successes on partitions 1-7: 8.7 % of the service's requests. A replica holding
        // partition 0 and not all the others reads at least 10 %; one without it reads 0 %.
        var ratio = new { aggregation = "ratio", groupBy = new[] { "service" }, numerator = new[] { new { name = "status", op = "=~", value = "5.." } }, @for = "2s" };
        var wholeRatioRule = await rules.CreateAsync(receiver, $"requests_{run}", [], new { ratio.aggregation, ratio.groupBy, ratio.numerator, ratio.@for, threshold = 5 });
        var partialRatioRule = await rules.CreateAsync(receiver, $"requests_{run}", [], new { ratio.aggregation, ratio.groupBy, ratio.numerator, ratio.@for, threshold = 9.5 });
        var probeRule = await rules.CreateAsync(receiver, $"probe_{run}", [], new { threshold = 1e12 });
        await using var second = await host.StartReplicaAsync();
        await using var eventsOnly = EventsOnlyMember.Start(host.KafkaBootstrapServers, host.ConsumerGroup);
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = host.KafkaBootstrapServers, LingerMs = 0 }).Build();
        await WaitForSplitAsync(producer, run, second);

        for (var partition = 0; partition < KafkaFixture.Partitions; partition++)
        {
            var labels = new Dictionary<string, string> { ["service"] = "checkout", ["instance"] = $"i{partition}" };
            await ProduceAsync(producer, partition, $"queue_{run}", labels, [10]);
            var status = partition == 0 ? "503" : "200";
            await ProduceAsync(producer, partition, $"requests_{run}", new Dictionary<string, string>(labels) { ["status"] = status }, [.. Enumerable.Repeat(12.0, partition == 0 ? 8 : 12)]);
        }
        var fired = await Eventually.GetAsync(() => Task.FromResult(Bodies(receiver)), b => b.Count >= 2, Patience, "the sum and the whole-group ratio firing");
        await Task.Delay(TimeSpan.FromSeconds(4));
        var all = Bodies(receiver);

        Assert.Equal(80, Assert.Single(all, b => b.GetProperty("ruleId").GetString() == sumRule).GetProperty("value").GetDouble(), precision: 6);
        Assert.Equal(100.0 * 8 / 92, Assert.Single(all, b => b.GetProperty("ruleId").GetString() == wholeRatioRule).GetProperty("value").GetDouble(), precision: 6);
        Assert.DoesNotContain(all, b => b.GetProperty("ruleId").GetString() == partialRatioRule);
        Assert.DoesNotContain(all, b => b.GetProperty("ruleId").GetString() == probeRule);
        Assert.All(fired, b => Assert.Equal("checkout", b.GetProperty("labels").GetProperty("service").GetString()));
    }

    private static List<JsonElement> Bodies(TestReceiver receiver) => [.. receiver.Accepted.Select(r => JsonDocument.Parse(r.Body).RootElement)];

    /// <summary>
    /// A third member of the alerting group that reads only perfmon.events.v1. The replicas read samples and events in one
    /// group, and the sticky assignor balances partition counts, not topics: with two members it may well give one all of
    /// the samples and the other all of the events. This member takes some events, so the samples are split between the two.
    /// </summary>
    private sealed class EventsOnlyMember(Task loop, CancellationTokenSource stop) : IAsyncDisposable
    {
        public static EventsOnlyMember Start(string bootstrapServers, string group)
        {
            var stop = new CancellationTokenSource();
            var loop = Task.Run(() =>
            {
                var config = new ConsumerConfig
                {
                    BootstrapServers = bootstrapServers, GroupId = group, PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
                    EnableAutoCommit = false, AutoOffsetReset = AutoOffsetReset.Latest,
                };
                using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
                consumer.Subscribe(Topics.Events);
                while (!stop.IsCancellationRequested)
                {
                    consumer.Consume(TimeSpan.FromMilliseconds(100));
                }
                consumer.Close();
            });
            return new EventsOnlyMember(loop, stop);
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        }
    }

    /// <summary>
    /// Waits until the two replicas share the partitions: a round of probe samples, one on each partition, each a series of
    /// its own, makes new alert instances on both replicas (each makes those of the partitions it holds).
    /// </summary>
    private async Task WaitForSplitAsync(IProducer<byte[], byte[]> producer, string run, AlertingReplica second)
    {
        var first = host.App.Services.GetRequiredService<AlertEngine>();
        var other = second.App.Services.GetRequiredService<AlertEngine>();
        var deadline = DateTimeOffset.UtcNow + (2 * Patience);
        var seen = new List<string>();
        for (var round = 0; ; round++)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the two replicas never shared the partitions: {string.Join(", ", seen)}");
            var (before, otherBefore) = (first.Count, other.Count);
            for (var partition = 0; partition < KafkaFixture.Partitions; partition++)
            {
                await ProduceAsync(producer, partition, $"probe_{run}", new Dictionary<string, string> { ["round"] = $"{round}", ["p"] = $"{partition}" }, [1]);
            }
            // A round may find partitions between owners: it is only looked at, then the next round tries again.
            var roundEnds = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
            var settled = (First: 0, Other: 0);
            while (settled.First + settled.Other < KafkaFixture.Partitions && DateTimeOffset.UtcNow < roundEnds)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                settled = (first.Count - before, other.Count - otherBefore);
            }
            seen.Add($"{settled.First}/{settled.Other}");
            if (settled.First > 0 && settled.Other > 0 && settled.First + settled.Other == KafkaFixture.Partitions)
            {
                return;
            }
        }
    }

    private static async Task ProduceAsync(IProducer<byte[], byte[]> producer, int partition, string metric, Dictionary<string, string> labels, double[] values)
    {
        var sorted = labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new Label { Name = l.Key, Value = l.Value }).ToList();
        var seriesId = SeriesId.Compute(metric, sorted);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var batch = new SampleBatch();
        foreach (var value in values)
        {
            var sample = new Sample { SeriesId = seriesId, Metric = metric, Value = value, TimestampUnixMs = now };
            sample.Labels.AddRange(sorted);
            batch.Samples.Add(sample);
        }
        await producer.ProduceAsync(new TopicPartition(Topics.Samples, new Partition(partition)),
            new Message<byte[], byte[]> { Key = BitConverter.GetBytes(seriesId), Value = batch.ToByteArray() });
    }
}
