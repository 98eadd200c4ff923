using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.Events;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Feeds the engine from Kafka (group "alerting"): samples from perfmon.samples.v1 as they arrive, so a breach is seen
/// within the poll interval, and anomaly and health events from perfmon.events.v1, each known by the contract type in
/// its header. State is rebuilt from PostgreSQL before the first record is read.
/// </summary>
public sealed partial class StreamEvaluator(
    KafkaClientFactory kafka,
    AlertEngine engine,
    Rules.RuleCache rules,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    ILogger<StreamEvaluator> logger) : BackgroundService
{
    /// <summary>True once partitions are assigned: samples produced from then on will be evaluated.</summary>
    public bool IsConsuming { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.RebuildAsync(stoppingToken);
                await ConsumeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                IsConsuming = false;
                LogRestart(ex, options.Value.RestartDelay);
                await Task.Delay(options.Value.RestartDelay, stoppingToken);
            }
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var config = kafka.CreateConsumerConfig(settings.ConsumerGroup);
        // A partition this group never committed on (a new group, or one joining during a rebalance) starts at the
        // beginning, and its records written before the longest rule window are skipped unread: starting at the end would
        // drop whatever arrived on it while it was being handed over.
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        var replayCutoffs = new Dictionary<TopicPartition, long>();
        // The broker otherwise holds an empty fetch up to 500 ms: half the alert latency budget.
        config.FetchWaitMaxMs = settings.FetchWaitMaxMs;
        // Offsets are stored after evaluation and committed in the background: a synchronous commit per record was a
        // broker round trip per record, which alone kept the evaluator behind a busy stream. A crash replays at most
        // one interval, and alert state is a compare-and-set in PostgreSQL, so a replay never fires an alert twice.
        config.EnableAutoCommit = true;
        config.AutoCommitIntervalMs = (int)settings.CommitInterval.TotalMilliseconds;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetPartitionsAssignedHandler((c, partitions) =>
            {
                StartWithoutCommittedOffsets(c, partitions, replayCutoffs);
                IsConsuming = true;
            })
            .Build();
        consumer.Subscribe([Topics.Samples, Topics.Events]);
        var polled = new List<ConsumeResult<byte[], byte[]>>(settings.MaxRecordsPerBatch);
        var samples = new List<ReadOnlyMemory<byte>>(settings.MaxRecordsPerBatch);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Wait for one record, then take whatever else is already fetched: one evaluation and one write per batch.
                polled.Clear();
                for (var next = Poll(consumer, settings.PollTimeout); next is not null; next = polled.Count < settings.MaxRecordsPerBatch ? Poll(consumer, TimeSpan.Zero) : null)
                {
                    polled.Add(next);
                }
                if (polled.Count == 0)
                {
                    continue;
                }
                var current = replayCutoffs.Count == 0 ? polled : polled.Where(r => IsWithinReplay(r, replayCutoffs)).ToList();
                samples.Clear();
                samples.AddRange(current.Where(r => r.Topic == Topics.Samples).Select(r => (ReadOnlyMemory<byte>)r.Message.Value));
                await engine.OnSampleRecordsAsync(samples, stoppingToken);
                foreach (var record in current.Where(r => r.Topic != Topics.Samples))
                {
                    if (record.Message.Headers?.TryGetLastBytes(EventHeaders.Type, out var type) == true)
                    {
                        await EvaluateEventAsync(Encoding.UTF8.GetString(type), record.Message.Value, stoppingToken);
                    }
                }
                foreach (var record in polled)
                {
                    consumer.StoreOffset(record);
                }
            }
        }
        finally
        {
            IsConsuming = false;
            // Close commits the stored offsets and leaves the group.
            consumer.Close();
        }
    }

    /// <summary>Notes, for each newly assigned partition without a committed offset, the time before which its records are skipped.</summary>
    private void StartWithoutCommittedOffsets(IConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Dictionary<TopicPartition, long> replayCutoffs)
    {
        var cutoff = (clock.GetUtcNow() - ReplayWindow()).ToUnixTimeMilliseconds();
        List<TopicPartitionOffset> committed;
        try
        {
            committed = consumer.Committed(partitions, options.Value.CommittedLookupTimeout);
        }
        catch (KafkaException ex)
        {
            // Unknown: treat every partition as new, so nothing inside the windows is missed (a replay is harmless).
            LogCommittedUnknown(ex);
            committed = partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset)).ToList();
        }
        foreach (var partition in committed)
        {
            if (partition.Offset.Value < 0)
            {
                replayCutoffs[partition.TopicPartition] = cutoff;
            }
            else
            {
                replayCutoffs.Remove(partition.TopicPartition);
            }
        }
    }

    /// <summary>How far back a partition without a committed offset is read: the longest window of an enabled rule, bounded.</summary>
    private TimeSpan ReplayWindow()
    {
        var longest = rules.Enabled.Select(r => r.Window).DefaultIfEmpty(TimeSpan.Zero).Max();
        return longest < options.Value.MaxReplay ? longest : options.Value.MaxReplay;
    }

    /// <summary>
    /// False for a record written before its partition's replay cutoff. The cutoff lies before the assignment, so records
    /// written since are never skipped, whatever order the partition holds them in.
    /// </summary>
    private static bool IsWithinReplay(ConsumeResult<byte[], byte[]> record, Dictionary<TopicPartition, long> replayCutoffs) =>
        !replayCutoffs.TryGetValue(record.TopicPartition, out var cutoff) || record.Message.Timestamp.UnixTimestampMs >= cutoff;

    private static ConsumeResult<byte[], byte[]>? Poll(IConsumer<byte[], byte[]> consumer, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout) is { IsPartitionEOF: false, Message: not null } record ? record : null;
        }
        catch (ConsumeException ex) when (ex.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            // A cluster where the events topic does not exist yet: samples still flow.
            return null;
        }
    }

    private async Task EvaluateEventAsync(string type, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            await engine.OnEventAsync(type, body, cancellationToken);
        }
        catch (System.Text.Json.JsonException ex)
        {
            // A malformed event is skipped, not retried forever.
            LogBadEvent(ex, type);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert evaluator failed; restarting in {Delay}")]
    private partial void LogRestart(Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the committed offsets of newly assigned partitions; reading them from the longest rule window")]
    private partial void LogCommittedUnknown(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a malformed {Type} event")]
    private partial void LogBadEvent(Exception exception, string type);
}
