using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// Consumes perfmon.samples.v1 in the "analytics" group and keeps per-minute rollups. Offsets live in
/// PostgreSQL with the rows: on assignment a partition resumes from its stored offset, on revocation pending
/// cells are flushed first, and any failure restarts the consumer from what was stored, dropping unwritten state.
/// The open minutes this consumer wrote stay in memory (<see cref="KnownCells"/>), so a flush overwrites them
/// without reading them back; an assigned or revoked partition's rows, and everything after a restart, are read
/// back once instead. A flush is written in the background while the next records are read; flushes still
/// commit one after another, each expecting the offsets the previous one stored.
/// </summary>
public sealed partial class RollupConsumer(
    KafkaClientFactory kafka,
    RollupSessions sessions,
    IOptions<RollupOptions> options,
    TimeProvider clock,
    ILogger<RollupConsumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRestart(ex, options.Value.RestartDelay);
                await Task.Delay(options.Value.RestartDelay, stoppingToken);
            }
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        var session = sessions.Start();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.CreateConsumerConfig(RollupOptions.ConsumerGroup))
            .SetPartitionsAssignedHandler((_, assigned) =>
            {
                var stored = session.AssignAsync([.. assigned.Select(p => p.Partition.Value)], stoppingToken).GetAwaiter().GetResult();
                LogAssigned(string.Join(",", assigned.Select(p => p.Partition.Value)));
                return assigned.Select(p => new TopicPartitionOffset(p, stored.TryGetValue(p.Partition.Value, out var next) ? new Offset(next) : Offset.Beginning));
            })
            .SetPartitionsRevokedHandler((_, revoked) =>
            {
                session.RevokeAsync([.. revoked.Select(p => p.Partition.Value)], stoppingToken).GetAwaiter().GetResult();
                LogRevoked(string.Join(",", revoked.Select(p => p.Partition.Value)));
            })
            .Build();

        consumer.Subscribe(Topics.Samples);
        try
        {
            var sinceFlush = Stopwatch.StartNew();
            while (!stoppingToken.IsCancellationRequested)
            {
                var record = consumer.Consume(options.Value.PollTimeout);
                if (record is { IsPartitionEOF: false, Message: not null })
                {
                    var ceiling = WatermarkCeiling.Of(record.Message.Timestamp, clock.GetUtcNow(), options.Value.MaxFutureSkew);
                    session.Add(record.Partition.Value, record.Offset.Value, ceiling, Decode(record));
                }
                var due = sinceFlush.Elapsed >= options.Value.FlushInterval || session.PendingCells >= options.Value.MaxPendingCells;
                if (due && !session.IsWriting || session.PendingCells >= options.Value.MaxPendingCells)
                {
                    await session.StartWriteAsync(stoppingToken);
                    sinceFlush.Restart();
                }
            }
            await session.FlushAsync(CancellationToken.None);
        }
        catch
        {
            session.Abandon();
            throw;
        }
        finally
        {
            consumer.Close();
        }
    }

    /// <summary>A record that is not a sample batch cannot be retried into one: it is logged and skipped.</summary>
    private SampleBatch Decode(ConsumeResult<byte[], byte[]> record)
    {
        try
        {
            return SampleBatch.Parser.ParseFrom(record.Message.Value);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException ex)
        {
            LogUndecodable(ex, record.Partition.Value, record.Offset.Value);
            return new SampleBatch();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipped undecodable record at partition {Partition} offset {Offset}")]
    private partial void LogUndecodable(Exception exception, int partition, long offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rollup consumer failed; restarting from the stored offsets in {Delay}")]
    private partial void LogRestart(Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assigned partitions {Partitions}")]
    private partial void LogAssigned(string partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked partitions {Partitions}")]
    private partial void LogRevoked(string partitions);
}
