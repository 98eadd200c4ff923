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
    OffsetStore offsetStore,
    RollupWriter writer,
    RollupMetrics metrics,
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
        var pending = new MinuteAggregator(options.Value.AllowedLateness);
        var expected = new Dictionary<int, long>();
        var states = new Dictionary<int, PartitionState>();
        var storedSeries = new HashSet<long>();
        var known = new KnownCells(options.Value.MaxKnownCells);
        var latenessMs = (long)options.Value.AllowedLateness.TotalMilliseconds;
        // One flush at a time is written in the background while the next one is read; it touches only its own
        // aggregator, the expected offsets and the known rows, which nothing else changes until it is awaited.
        (MinuteAggregator Cells, Task<FlushResult> Write)? writing = null;

        async Task CompleteWriteAsync()
        {
            if (writing is not { } w)
            {
                return;
            }
            writing = null;
            var result = await w.Write;
            metrics.Flushed(result);
            known.Evict(w.Cells.Watermarks.ToDictionary(m => m.Key, m => m.Value - latenessMs));
            foreach (var (partition, next) in w.Cells.NextOffsets)
            {
                expected[partition] = next;
            }
            storedSeries.UnionWith(w.Cells.NewSeries.Keys);
        }

        async Task StartWriteAsync(CancellationToken cancellationToken)
        {
            await CompleteWriteAsync();
            if (pending.IsEmpty)
            {
                return;
            }
            var cells = pending;
            pending = new MinuteAggregator(options.Value.AllowedLateness);
            writing = (cells, Task.Run(() => writer.WriteAsync(cells, expected, known, RollupOptions.ConsumerGroup, Topics.Samples, cancellationToken), cancellationToken));
        }

        async Task FlushAsync(CancellationToken cancellationToken)
        {
            await StartWriteAsync(cancellationToken);
            await CompleteWriteAsync();
        }

        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.CreateConsumerConfig(RollupOptions.ConsumerGroup))
            .SetPartitionsAssignedHandler((_, assigned) =>
            {
                var partitions = assigned.Select(p => p.Partition.Value).ToList();
                CompleteWriteAsync().GetAwaiter().GetResult();
                // Another consumer may have written these partitions' rows since this one last held them.
                known.Forget(partitions);
                var stored = offsetStore.LoadAsync(RollupOptions.ConsumerGroup, Topics.Samples, partitions, stoppingToken)
                    .GetAwaiter().GetResult();
                foreach (var (partition, next) in stored)
                {
                    expected[partition] = next;
                }
                foreach (var (partition, state) in offsetStore.LoadStatesAsync(RollupOptions.ConsumerGroup, Topics.Samples, partitions, stoppingToken).GetAwaiter().GetResult())
                {
                    states[partition] = state;
                }
                LogAssigned(string.Join(",", assigned.Select(p => p.Partition.Value)));
                return assigned.Select(p => new TopicPartitionOffset(p, stored.TryGetValue(p.Partition.Value, out var next) ? new Offset(next) : Offset.Beginning));
            })
            .SetPartitionsRevokedHandler((_, revoked) =>
            {
                // Write what was read from these partitions before another consumer resumes them from the stored offsets.
                FlushAsync(stoppingToken).GetAwaiter().GetResult();
                known.Forget(revoked.Select(p => p.Partition.Value).ToList());
                foreach (var partition in revoked)
                {
                    expected.Remove(partition.Partition.Value);
                    states.Remove(partition.Partition.Value);
                }
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
                    var partition = record.Partition.Value;
                    if (!states.TryGetValue(partition, out var state))
                    {
                        state = states[partition] = new PartitionState();
                    }
                    var ceiling = WatermarkCeiling.Of(record.Message.Timestamp, clock.GetUtcNow(), options.Value.MaxFutureSkew);
                    pending.Add(partition, record.Offset.Value, ceiling, Decode(record), storedSeries, state);
                }
                var due = sinceFlush.Elapsed >= options.Value.FlushInterval || pending.Cells.Count >= options.Value.MaxPendingCells;
                if (due && writing is not { Write.IsCompleted: false } || pending.Cells.Count >= options.Value.MaxPendingCells)
                {
                    await StartWriteAsync(stoppingToken);
                    sinceFlush.Restart();
                }
            }
            await FlushAsync(CancellationToken.None);
        }
        catch
        {
            // Unwritten cells are dropped: their offsets were not stored, so they are read again.
            pending.Clear();
            writing = null;
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
