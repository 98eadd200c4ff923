using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// One consumer's replay cutoffs. A partition its group never committed on (a new group, or one joining during a
/// rebalance) is read from the beginning, and its records written before the longest rule window are skipped unread:
/// starting at the end would drop whatever arrived on it while it was being handed over. Holds the consumer's own
/// partitions and is called from its loop only, so each consumer gets an instance of its own.
/// </summary>
public sealed partial class ReplayCutoffs(RuleCache rules, IOptions<AlertingOptions> options, TimeProvider clock, ILogger<ReplayCutoffs> logger)
{
    private readonly Dictionary<TopicPartition, long> cutoffs = [];

    /// <summary>A new run of the consumer: it holds no partition yet.</summary>
    public void Clear() => cutoffs.Clear();

    /// <summary>Notes, for each newly assigned partition without a committed offset, the time before which its records are skipped.</summary>
    public void Assigned(IConsumer<byte[], byte[]> consumer, IReadOnlyList<TopicPartition> partitions)
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
            LogCommittedUnknown(ex, consumer.Name);
            committed = partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset)).ToList();
        }
        foreach (var partition in committed)
        {
            if (partition.Offset.Value < 0)
            {
                cutoffs[partition.TopicPartition] = cutoff;
            }
            else
            {
                cutoffs.Remove(partition.TopicPartition);
            }
        }
    }

    /// <summary>Partitions handed to another consumer, or lost: their cutoffs go with them.</summary>
    public void Revoked(IReadOnlyList<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            cutoffs.Remove(partition);
        }
    }

    /// <summary>The records written since their partition's cutoff: all of them while no partition has one.</summary>
    public IReadOnlyList<ConsumeResult<byte[], byte[]>> Current(IReadOnlyList<ConsumeResult<byte[], byte[]>> records) =>
        cutoffs.Count == 0 ? records : records.Where(IsWithinReplay).ToList();

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
        !cutoffs.TryGetValue(record.TopicPartition, out var cutoff) || record.Message.Timestamp.UnixTimestampMs >= cutoff;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer {Consumer} could not read the committed offsets of newly assigned partitions; reading them from the longest rule window")]
    private partial void LogCommittedUnknown(Exception exception, string consumer);
}
