using System.Collections.Concurrent;
using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Collector.Collectors.Common;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;
using static PerfMonitor.Collector.Collectors.Common.CollectedSample;

namespace PerfMonitor.Collector.Collectors.Kafka;

/// <summary>
/// Consumer lag per group and partition: the partition's high watermark minus the group's committed offset. Kafka
/// groups are read with a consumer that carries the group's id but never joins it (an OffsetFetch, which every
/// broker supports, unlike listing groups); groups that keep offsets with their rows are read from
/// perfmon.consumer_offsets.
/// </summary>
public sealed class KafkaLagCollector(
    IngestPipeline pipeline, TimeProvider clock, KafkaClientFactory factory, CollectorDatabase database,
    IOptions<KafkaLagCollectorOptions> options, ILogger<KafkaLagCollector> logger)
    : PeriodicCollector(pipeline, clock, logger)
{
    private readonly ConcurrentDictionary<string, IConsumer<Ignore, Ignore>> consumers = new(StringComparer.Ordinal);

    protected override string Source => "kafka";

    protected override CollectorOptions Settings => options.Value;

    protected override async Task CollectAsync(List<Sample> samples, CancellationToken cancellationToken)
    {
        var committed = await Task.Run(KafkaOffsets, cancellationToken);
        committed.AddRange(await PostgresOffsetsAsync(cancellationToken));
        var timeout = TimeSpan.FromMilliseconds(factory.Options.HealthTimeoutMs);
        var reader = ConsumerFor(options.Value.Groups.FirstOrDefault() ?? "perfmon-collector-lag");
        foreach (var byGroupTopic in committed.GroupBy(c => (c.Group, c.Partition.Topic)))
        {
            long total = 0;
            foreach (var (group, partition, offset) in byGroupTopic)
            {
                var high = await Task.Run(() => reader.QueryWatermarkOffsets(partition, timeout).High.Value, cancellationToken);
                var lag = Math.Max(0, high - offset);
                total += lag;
                samples.Add(Gauge("kafka_consumer_lag", lag, "{record}",
                    ("group", group), ("topic", partition.Topic), ("partition", partition.Partition.Value.ToString(CultureInfo.InvariantCulture))));
            }
            samples.Add(Gauge("kafka_consumer_group_lag", total, "{record}", ("group", byGroupTopic.Key.Group), ("topic", byGroupTopic.Key.Topic)));
        }
    }

    public override void Dispose()
    {
        foreach (var consumer in consumers.Values)
        {
            consumer.Dispose();
        }
        base.Dispose();
    }

    private List<(string Group, TopicPartition Partition, long Offset)> KafkaOffsets()
    {
        var offsets = new List<(string, TopicPartition, long)>();
        var timeout = TimeSpan.FromMilliseconds(factory.Options.HealthTimeoutMs);
        foreach (var group in options.Value.Groups.Except(options.Value.PostgresGroups, StringComparer.Ordinal))
        {
            var consumer = ConsumerFor(group);
            using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
            // Every PerfMonitor topic: alerting's groups read events and grouped samples, not only samples.
            var partitions = admin.GetMetadata(timeout).Topics
                .Where(t => Topics.All.Contains(t.Topic))
                .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, new Partition(p.PartitionId))))
                .ToList();
            // Partitions the group never committed come back as Offset.Unset (-1001): no progress to measure yet.
            offsets.AddRange(consumer.Committed(partitions, timeout)
                .Where(p => p.Offset.Value >= 0)
                .Select(p => (group, p.TopicPartition, p.Offset.Value)));
        }
        return offsets;
    }

    /// <summary>A consumer that only asks questions: it never subscribes, so it never joins or disturbs the group.</summary>
    private IConsumer<Ignore, Ignore> ConsumerFor(string group) => consumers.GetOrAdd(group, id =>
    {
        var config = factory.CreateConsumerConfig(id);
        config.ClientId = "perfmon-collector-lag";
        return new ConsumerBuilder<Ignore, Ignore>(config).Build();
    });

    private async Task<List<(string, TopicPartition, long)>> PostgresOffsetsAsync(CancellationToken cancellationToken)
    {
        var offsets = new List<(string, TopicPartition, long)>();
        if (database.DataSource is not { } dataSource || options.Value.PostgresGroups.Length == 0)
        {
            return offsets;
        }
        await using var command = dataSource.CreateCommand(
            "SELECT consumer_group, topic, partition, next_offset FROM perfmon.consumer_offsets WHERE consumer_group = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.PostgresGroups });
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                offsets.Add((reader.GetString(0), new TopicPartition(reader.GetString(1), new Partition(reader.GetInt32(2))), reader.GetInt64(3)));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The analytics service has not created its schema yet: nothing to measure.
        }
        return offsets;
    }
}
