using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PerfMonitor.AppHost.Kafka;

/// <summary>
/// The embedded broker keeps only 5 MiB and 100,000 batches per partition and drops the oldest silently. A consumer
/// group that falls that far behind loses samples without an error anywhere, so this compares every group's unread
/// data with what a partition retains and says so, loudly, in the kafka resource's log.
/// </summary>
public sealed partial class KafkaRetentionWatch(EmbeddedKafkaResource kafka, GroupOffsets committed, AppHostOptions options, ILogger log)
{
    public const long RetainedBytesPerPartition = 5L * 1024 * 1024;
    public const long RetainedBatchesPerPartition = 100_000;
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(3);
    private readonly HashSet<(string, TopicPartition)> reportedLoss = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.KafkaRetentionCheckInterval);
        using var reader = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = kafka.Cluster!.BootstrapServers,
            GroupId = "perfmon-apphost-retention",
            EnableAutoCommit = false,
            ClientId = "perfmon-apphost-retention",
        }).Build();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (kafka.Cluster is not { IsUp: true })
                {
                    continue;
                }
                try
                {
                    var offsets = await committed.ReadAsync(cancellationToken);
                    await Task.Run(() => Compare(reader, offsets), cancellationToken);
                }
                catch (Exception ex) when (ex is KafkaException or NpgsqlException)
                {
                    LogCheckFailed(ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
    }

    private void Compare(IConsumer<byte[]?, byte[]?> reader, List<CommittedOffset> offsets)
    {
        foreach (var byTopic in offsets.GroupBy(o => o.Partition.Topic))
        {
            var recordBytes = (long?)null;
            foreach (var (group, partition, offset) in byTopic)
            {
                var watermarks = reader.QueryWatermarkOffsets(partition, QueryTimeout);
                var lag = watermarks.High.Value - offset;
                if (offset < watermarks.Low.Value)
                {
                    if (reportedLoss.Add((group, partition)))
                    {
                        LogLost(group, partition.Topic, partition.Partition.Value, watermarks.Low.Value - offset);
                    }
                    continue;
                }
                if (lag <= 0)
                {
                    continue;
                }
                recordBytes ??= ProbeRecordBytes(reader, partition, watermarks.High.Value);
                var share = Math.Max(lag * recordBytes.Value * 100 / RetainedBytesPerPartition, lag * 100 / RetainedBatchesPerPartition);
                if (share >= options.KafkaRetentionWarningPercent)
                {
                    LogApproaching(group, partition.Topic, partition.Partition.Value, lag, lag * recordBytes.Value / 1024, share);
                }
            }
        }
    }

    /// <summary>The size of the newest batch on a partition, to turn a lag in batches into bytes.</summary>
    private static long ProbeRecordBytes(IConsumer<byte[]?, byte[]?> reader, TopicPartition partition, long high)
    {
        reader.Assign(new TopicPartitionOffset(partition, new Offset(high - 1)));
        try
        {
            var record = reader.Consume(QueryTimeout);
            return Math.Max(1, (record?.Message.Key?.Length ?? 0) + (record?.Message.Value?.Length ?? 0));
        }
        finally
        {
            reader.Unassign();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer group {Group} is {Lag} batches (~{KiB} KiB, {Share}% of what the embedded broker retains) behind on {Topic}[{Partition}]: past 100% the broker drops the oldest unread data silently. Give the consumer more room (more partitions: AppHost__KafkaPartitions) or use a real Kafka (ConnectionStrings__kafka).")]
    private partial void LogApproaching(string group, string topic, int partition, long lag, long kiB, long share);

    [LoggerMessage(Level = LogLevel.Error, Message = "Consumer group {Group} LOST {Count} records on {Topic}[{Partition}]: the embedded broker dropped them (5 MiB / 100,000 batches per partition) before the group read them.")]
    private partial void LogLost(string group, string topic, int partition, long count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention check skipped: {Reason}")]
    private partial void LogCheckFailed(string reason);
}
