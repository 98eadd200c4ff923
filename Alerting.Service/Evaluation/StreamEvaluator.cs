using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.Events;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Feeds the engine from Kafka (group "alerting") on the shared <see cref="KafkaConsumerLoop"/>: samples from
/// perfmon.samples.v1 as they arrive, so a breach is seen within the poll interval, and anomaly and health events from
/// perfmon.events.v1, each known by the contract type in its header. State is rebuilt from PostgreSQL before the first
/// record of every run is read.
/// </summary>
public sealed partial class StreamEvaluator(
    KafkaConsumerLoop loop,
    AlertEngine engine,
    Rules.RuleCache rules,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    ILogger<StreamEvaluator> logger) : BackgroundService, IKafkaConsumerHandler
{
    private readonly Dictionary<TopicPartition, long> replayCutoffs = [];
    private readonly List<ReadOnlyMemory<byte>> samples = [];

    /// <summary>True once partitions are assigned: samples produced from then on will be evaluated.</summary>
    public bool IsConsuming { get; private set; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        return loop.RunAsync(new KafkaConsumerSettings("alert-evaluation", settings.ConsumerGroup, [Topics.Samples, Topics.Events], AlertingMeter.Name)
        {
            PollTimeout = settings.PollTimeout,
            MaxBatch = settings.MaxRecordsPerBatch,
            RestartDelay = settings.RestartDelay,
            StoreOffsets = true,
            Configure = config =>
            {
                // A partition this group never committed on (a new group, or one joining during a rebalance) starts at the
                // beginning, and its records written before the longest rule window are skipped unread: starting at the end
                // would drop whatever arrived on it while it was being handed over.
                config.AutoOffsetReset = AutoOffsetReset.Earliest;
                // The broker otherwise holds an empty fetch up to 500 ms: half the alert latency budget.
                config.FetchWaitMaxMs = settings.FetchWaitMaxMs;
                // Offsets are stored after evaluation and committed in the background: a synchronous commit per record was
                // a broker round trip per record, which alone kept the evaluator behind a busy stream. A crash replays at
                // most one interval, and alert state is a compare-and-set in PostgreSQL, so a replay never fires twice.
                config.EnableAutoCommit = true;
                config.AutoCommitIntervalMs = (int)settings.CommitInterval.TotalMilliseconds;
            },
        }, this, stoppingToken);
    }

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        IsConsuming = false;
        replayCutoffs.Clear();
        return engine.RebuildAsync(cancellationToken);
    }

    public Task<IReadOnlyList<TopicPartitionOffset>> AssignedAsync(IConsumer<byte[], byte[]> consumer, IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        StartWithoutCommittedOffsets(consumer, partitions);
        IsConsuming = true;
        return Task.FromResult<IReadOnlyList<TopicPartitionOffset>>([]);
    }

    public Task RevokedAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        // Evaluation keeps nothing per partition but the replay cutoff; the offsets of what was evaluated are stored.
        foreach (var partition in partitions)
        {
            replayCutoffs.Remove(partition);
        }
        return Task.CompletedTask;
    }

    public Task LostAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken) => RevokedAsync(partitions, cancellationToken);

    public async Task HandleAsync(IReadOnlyList<ConsumeResult<byte[], byte[]>> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }
        var current = replayCutoffs.Count == 0 ? records : records.Where(IsWithinReplay).ToList();
        samples.Clear();
        samples.AddRange(current.Where(r => r.Topic == Topics.Samples).Select(r => (ReadOnlyMemory<byte>)r.Message.Value));
        await engine.OnSampleRecordsAsync(samples, cancellationToken);
        foreach (var record in current.Where(r => r.Topic != Topics.Samples))
        {
            if (record.Message.Headers?.TryGetLastBytes(EventHeaders.Type, out var type) == true)
            {
                await EvaluateEventAsync(Encoding.UTF8.GetString(type), record.Message.Value, cancellationToken);
            }
        }
    }

    public void Abandon() => IsConsuming = false;

    /// <summary>Notes, for each newly assigned partition without a committed offset, the time before which its records are skipped.</summary>
    private void StartWithoutCommittedOffsets(IConsumer<byte[], byte[]> consumer, IReadOnlyList<TopicPartition> partitions)
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
    private bool IsWithinReplay(ConsumeResult<byte[], byte[]> record) =>
        !replayCutoffs.TryGetValue(record.TopicPartition, out var cutoff) || record.Message.Timestamp.UnixTimestampMs >= cutoff;

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the committed offsets of newly assigned partitions; reading them from the longest rule window")]
    private partial void LogCommittedUnknown(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a malformed {Type} event")]
    private partial void LogBadEvent(Exception exception, string type);
}
