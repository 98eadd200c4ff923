using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// Consumes perfmon.samples.v1 in the "analytics" group on the shared <see cref="KafkaConsumerLoop"/> and keeps
/// per-minute rollups. Offsets live in PostgreSQL with the rows: on assignment a partition resumes from its stored offset,
/// on revocation pending cells are flushed first, and any failure restarts the consumer from what was stored, dropping
/// unwritten state. The open minutes this consumer wrote stay in memory (<see cref="KnownCells"/>), so a flush overwrites
/// them without reading them back; an assigned or revoked partition's rows, and everything after a restart, are read
/// back once instead. A flush is written in the background while the next records are read; flushes still commit one
/// after another, each expecting the offsets the previous one stored.
/// </summary>
public sealed partial class RollupConsumer(
    KafkaConsumerLoop loop,
    RollupSessions sessions,
    IOptions<RollupOptions> options,
    TimeProvider clock,
    ILogger<RollupConsumer> logger) : BackgroundService, IKafkaConsumerHandler
{
    private readonly Stopwatch sinceFlush = new();
    private RollupSession? session;

    private RollupSession Session => session ?? throw new InvalidOperationException("The rollup consumer has no run in progress");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        loop.RunAsync(new KafkaConsumerSettings("rollups", RollupOptions.ConsumerGroup, [Topics.Samples], RollupMetrics.MeterName)
        {
            PollTimeout = options.Value.PollTimeout,
            MaxBatch = options.Value.MaxRecordsPerBatch,
            RestartDelay = options.Value.RestartDelay,
        }, this, stoppingToken);

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        session = sessions.Start();
        sinceFlush.Restart();
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<TopicPartitionOffset>> AssignedAsync(IConsumer<byte[], byte[]> consumer, IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        var stored = await Session.AssignAsync([.. partitions.Select(p => p.Partition.Value)], cancellationToken);
        return [.. partitions.Select(p => new TopicPartitionOffset(p, stored.TryGetValue(p.Partition.Value, out var next) ? new Offset(next) : Offset.Beginning))];
    }

    public Task RevokedAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken) =>
        Session.RevokeAsync([.. partitions.Select(p => p.Partition.Value)], cancellationToken);

    /// <summary>
    /// Written like a revocation: should the new owner have resumed from the stored offsets already, one of the two
    /// flushes finds them moved and its consumer restarts, so nothing is counted twice.
    /// </summary>
    public Task LostAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken) => RevokedAsync(partitions, cancellationToken);

    public async Task HandleAsync(IReadOnlyList<ConsumeResult<byte[], byte[]>> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            var ceiling = WatermarkCeiling.Of(record.Message.Timestamp, clock.GetUtcNow(), options.Value.MaxFutureSkew);
            Add(record, ceiling);
            await FlushIfDueAsync(cancellationToken);
        }
        if (records.Count == 0)
        {
            await FlushIfDueAsync(cancellationToken);
        }
    }

    public void Abandon() => session?.Abandon();

    private async Task FlushIfDueAsync(CancellationToken cancellationToken)
    {
        var full = Session.PendingCells >= options.Value.MaxPendingCells;
        if (full || sinceFlush.Elapsed >= options.Value.FlushInterval && !Session.IsWriting)
        {
            await Session.StartWriteAsync(cancellationToken);
            sinceFlush.Restart();
        }
    }

    /// <summary>
    /// The record is read in place into the minute cells. One that is not a sample batch cannot be retried into one: it
    /// is logged and skipped whole (nothing of it was counted), and its offset is passed like any other's.
    /// </summary>
    private void Add(ConsumeResult<byte[], byte[]> record, long ceiling)
    {
        var (partition, offset) = (record.Partition.Value, record.Offset.Value);
        try
        {
            Session.Add(partition, offset, ceiling, record.Message.Value);
        }
        catch (InvalidDataException ex)
        {
            LogUndecodable(ex, partition, offset);
            Session.Add(partition, offset, ceiling, ReadOnlyMemory<byte>.Empty);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipped undecodable record at partition {Partition} offset {Offset}")]
    private partial void LogUndecodable(Exception exception, int partition, long offset);
}
