using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Reads <see cref="GroupForwarder.Topic"/> in its own consumer group (<see cref="GroupOf"/>) on the shared
/// <see cref="KafkaConsumerLoop"/>: the topic is keyed by (rule, group), so each group is owned by one replica, which
/// receives the samples every replica read of it and evaluates the group's whole value. Kafka's group membership hands a
/// dead replica's groups to the living ones. It starts once <see cref="StreamEvaluator"/> has rebuilt the alert states
/// from PostgreSQL.
/// </summary>
public sealed partial class GroupedSampleConsumer(
    KafkaConsumerLoop loop,
    AlertEngine engine,
    StreamEvaluator stream,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    ILogger<GroupedSampleConsumer> logger) : BackgroundService, IKafkaConsumerHandler
{
    private readonly List<GroupedSamples> groups = [];

    /// <summary>True once partitions are assigned.</summary>
    public bool IsConsuming { get; private set; }

    public static string GroupOf(AlertingOptions options) => options.ConsumerGroup + ".groups";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await stream.WaitStartedAsync(stoppingToken))
        {
            await loop.RunAsync(EvaluationConsumerSettings.For("alert-groups", GroupOf(options.Value), GroupForwarder.Topic, options.Value), this, stoppingToken);
        }
    }

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        IsConsuming = false;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TopicPartitionOffset>> AssignedAsync(IConsumer<byte[], byte[]> consumer, IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        IsConsuming = true;
        return Task.FromResult<IReadOnlyList<TopicPartitionOffset>>([]);
    }

    /// <summary>Nothing is kept per partition: the offsets of what was evaluated are stored.</summary>
    public Task RevokedAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task LostAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task HandleAsync(IReadOnlyList<ConsumeResult<byte[], byte[]>> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }
        // A record older than the longest replay is of no window any more (a new group starts at the earliest record).
        var cutoff = (clock.GetUtcNow() - options.Value.MaxReplay).ToUnixTimeMilliseconds();
        groups.Clear();
        foreach (var record in records.Where(r => r.Message.Timestamp.UnixTimestampMs >= cutoff))
        {
            try
            {
                groups.Add(GroupedSamples.Decode(record.Message.Value));
            }
            catch (JsonException ex)
            {
                LogBadRecord(ex, record.Message.Value.Length);
            }
        }
        await engine.OnGroupedSamplesAsync(groups, cancellationToken);
    }

    public void Abandon() => IsConsuming = false;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a perfmon.alerting.groups.v1 record of {Length} bytes that is not a grouped samples record")]
    private partial void LogBadRecord(Exception exception, int length);
}
