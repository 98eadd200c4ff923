using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>
/// One run of a consumer loop, from subscribing to leaving the group. Records are read in batches; a rebalance that
/// librdkafka reported during a poll is handed to the handler before any record that followed it, after the records
/// read before it have been handled. On a clean stop the handler finishes every partition before the consumer closes.
/// A batch's first record is taken where the loop runs when it was fetched already; only a poll that has to wait for it
/// runs on the run's own <see cref="KafkaPollThread"/>, never on the pool.
/// </summary>
public sealed partial class KafkaConsumerRun(
    IConsumer<byte[], byte[]> consumer,
    RebalanceEvents events,
    IKafkaConsumerHandler handler,
    KafkaConsumerSettings settings,
    KafkaConsumerMetrics metrics,
    ILogger logger) : IDisposable
{
    private readonly KafkaPollThread poller = new(settings.Name);
    private readonly StartPositions starts = new(consumer, logger);
    private readonly HashSet<TopicPartition> assigned = [];
    private readonly List<ConsumeResult<byte[], byte[]>> batch = new(settings.MaxBatch);

    /// <summary>True once the handler finished a batch of records: the restart backoff starts over after this run.</summary>
    public bool Progressed { get; private set; }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        consumer.Subscribe(settings.Topics);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Under load the next record is nearly always fetched already, and a hand-over to the poll thread and back
            // is two thread switches per batch, each waiting for a core behind everything else the machine runs.
            var record = Poll(TimeSpan.Zero);
            if (record is null && !events.Any)
            {
                record = await poller.RunAsync(() => Poll(settings.PollTimeout));
            }
            while (true)
            {
                if (events.Any)
                {
                    await HandleBatchAsync(stoppingToken);
                    await RebalanceAsync(stoppingToken);
                }
                if (record is not null && starts.Admits(record))
                {
                    batch.Add(record);
                }
                if (batch.Count >= settings.MaxBatch || (record = Poll(TimeSpan.Zero)) is null && !events.Any)
                {
                    break;
                }
            }
            await HandleBatchAsync(stoppingToken, evenIfEmpty: true);
        }
        // A clean stop: the handler finishes every partition while this consumer still owns them. It must run to the end
        // although stopping was requested; the host's shutdown timeout bounds it.
        await handler.RevokedAsync([.. assigned], CancellationToken.None);
        assigned.Clear();
    }

    /// <summary>Ends the poll thread; called once <see cref="RunAsync"/> has returned, so no poll is in flight.</summary>
    public void Dispose() => poller.Dispose();

    private ConsumeResult<byte[], byte[]>? Poll(TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout) is { IsPartitionEOF: false, Message: not null } record ? record : null;
        }
        catch (ConsumeException ex) when (ex.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            // A subscribed topic that does not exist yet (a fresh cluster): the others still flow.
            return null;
        }
    }

    private async Task HandleBatchAsync(CancellationToken cancellationToken, bool evenIfEmpty = false)
    {
        if (batch.Count == 0 && !evenIfEmpty)
        {
            return;
        }
        var watch = Stopwatch.StartNew();
        await handler.HandleAsync(batch, cancellationToken);
        metrics.Handled(batch.Count, watch.Elapsed);
        if (batch.Count > 0)
        {
            Progressed = true;
            if (settings.StoreOffsets)
            {
                StoreOffsets();
            }
            metrics.Lag(consumer, batch);
        }
        batch.Clear();
    }

    /// <summary>After the handler returned: the batch is processed, so its offsets may be committed.</summary>
    private void StoreOffsets()
    {
        foreach (var last in batch.GroupBy(r => r.TopicPartition).Select(g => g.Last()))
        {
            try
            {
                consumer.StoreOffset(last);
            }
            catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_State)
            {
                // Revoked while the batch was handled: its new owner reads these records again from the last commit.
                LogNotStored(last.TopicPartition.ToString());
            }
        }
    }

    private async Task RebalanceAsync(CancellationToken cancellationToken)
    {
        while (events.TryTake(out var kind, out var partitions))
        {
            var names = string.Join(",", partitions.Select(p => $"{p.Topic}[{p.Partition.Value}]"));
            switch (kind)
            {
                case RebalanceKind.Assigned:
                    var positions = await handler.AssignedAsync(consumer, partitions, cancellationToken);
                    assigned.UnionWith(partitions);
                    starts.Begin(positions);
                    LogAssigned(settings.Name, names);
                    break;
                case RebalanceKind.Revoked:
                    await handler.RevokedAsync(partitions, cancellationToken);
                    Forget(partitions);
                    LogRevoked(settings.Name, names);
                    break;
                default:
                    await handler.LostAsync(partitions, cancellationToken);
                    Forget(partitions);
                    LogLost(settings.Name, names);
                    break;
            }
        }
    }

    private void Forget(List<TopicPartition> partitions)
    {
        assigned.ExceptWith(partitions);
        starts.Forget(partitions);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {Consumer} assigned {Partitions}")]
    private partial void LogAssigned(string consumer, string partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {Consumer} revoked {Partitions}")]
    private partial void LogRevoked(string consumer, string partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer {Consumer} lost {Partitions}; another consumer may own them already")]
    private partial void LogLost(string consumer, string partitions);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Offset of {Partition} not stored: the partition was revoked while its batch was handled")]
    private partial void LogNotStored(string partition);
}
