using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>
/// Where the partitions a handler positions itself (it keeps its own offsets) resume, and that each of their records is
/// handed over once. librdkafka has started fetching a newly assigned partition by the time the handler has said where
/// (the assignment cannot wait for an async lookup inside its callback), so each is moved there with a seek; from then
/// until the partition is given up, the records handed over only go forward, and one behind them was fetched again and is
/// dropped. librdkafka does fetch records again: the record a poll returned before the seek comes again after it, and a
/// seek made while librdkafka is still looking up where the partition begins (auto.offset.reset, nothing being committed)
/// is undone about half a second later, when the late answer, dropped as outdated, makes it look again and start the
/// partition over at its beginning. The first record behind after one was handed over moves the partition forward again
/// with another seek, so it is not read through from its beginning.
/// </summary>
public sealed partial class StartPositions(IConsumer<byte[], byte[]> consumer, ILogger logger)
{
    private readonly Dictionary<TopicPartition, Position> positions = [];

    /// <summary>Moves each partition with an explicit offset there; records before it are never handed over.</summary>
    public void Begin(IEnumerable<TopicPartitionOffset> assigned)
    {
        foreach (var position in assigned.Where(p => p.Offset != Offset.Unset))
        {
            // A logical start (the beginning) has no number: any offset may come first, and only later ones after it.
            var next = Math.Max(position.Offset.Value, 0);
            try
            {
                consumer.Seek(position);
                positions[position.TopicPartition] = new Position(next, Sought: true);
            }
            catch (KafkaException)
            {
                // The assignment is not active inside librdkafka yet: fetching starts at the beginning (this handler never
                // commits to Kafka), and the first record before the start moves the partition there.
                positions[position.TopicPartition] = new Position(next, Sought: false);
                LogSeekDeferred(position.TopicPartition.ToString(), position.Offset.Value);
            }
        }
    }

    /// <summary>False for a record before its partition's start or at or before one handed over already.</summary>
    public bool Admits(ConsumeResult<byte[], byte[]> record)
    {
        ref var position = ref CollectionsMarshal.GetValueRefOrNullRef(positions, record.TopicPartition);
        if (Unsafe.IsNullRef(ref position))
        {
            return true;
        }
        if (record.Offset.Value >= position.Next)
        {
            position = new Position(record.Offset.Value + 1, Sought: false);
            return true;
        }
        // Behind since the last seek: fetched before it. Behind since a record was handed over: fetched again.
        if (!position.Sought)
        {
            position = position with { Sought = true };
            SeekForward(new TopicPartitionOffset(record.TopicPartition, position.Next), record.Offset.Value);
        }
        return false;
    }

    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            positions.Remove(partition);
        }
    }

    /// <summary>Records are arriving, so librdkafka's own look-up is done and this seek stands.</summary>
    private void SeekForward(TopicPartitionOffset next, long fetched)
    {
        LogFetchedAgain(next.TopicPartition.ToString(), fetched, next.Offset.Value);
        try
        {
            consumer.Seek(next);
        }
        catch (KafkaException ex)
        {
            // Being revoked: the records behind are still dropped.
            LogSeekFailed(ex, next.TopicPartition.ToString(), next.Offset.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not seek {Partition} to {Offset} yet; records before it are skipped as they arrive")]
    private partial void LogSeekDeferred(string partition, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Partition} was fetched again from offset {Fetched}; records before {Next} are skipped, and the partition is moved to {Next}")]
    private partial void LogFetchedAgain(string partition, long fetched, long next);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not seek {Partition} to {Offset}; records before it are skipped as they arrive")]
    private partial void LogSeekFailed(Exception exception, string partition, long offset);

    /// <summary>The next offset that may be handed over, and whether a seek there was made since a record was.</summary>
    private readonly record struct Position(long Next, bool Sought);
}
