using Confluent.Kafka;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>
/// Where newly assigned partitions resume, when the handler keeps its own offsets. librdkafka has started fetching them
/// by the time the handler has said where (the assignment cannot wait for an async lookup inside its callback), so each
/// is moved there with a seek, and records before that offset that were fetched first are skipped, never handed over.
/// </summary>
public sealed class StartPositions
{
    private readonly Dictionary<TopicPartition, long> starts = [];

    /// <summary>Moves each partition with an explicit offset there; returns those a seek could not move yet (the skip still holds).</summary>
    public List<TopicPartitionOffset> Begin(IConsumer<byte[], byte[]> consumer, IEnumerable<TopicPartitionOffset> positions)
    {
        var unmoved = new List<TopicPartitionOffset>();
        foreach (var position in positions.Where(p => p.Offset != Offset.Unset))
        {
            if (position.Offset.Value >= 0)
            {
                starts[position.TopicPartition] = position.Offset.Value;
            }
            try
            {
                consumer.Seek(position);
            }
            catch (KafkaException)
            {
                // The assignment is not active inside librdkafka yet: fetching starts at the beginning (this handler never
                // commits to Kafka) and the skip below drops what comes before the start.
                unmoved.Add(position);
            }
        }
        return unmoved;
    }

    /// <summary>False for a record before its partition's start; the first record at or past the start ends the skip.</summary>
    public bool Admits(ConsumeResult<byte[], byte[]> record)
    {
        if (!starts.TryGetValue(record.TopicPartition, out var start))
        {
            return true;
        }
        if (record.Offset.Value < start)
        {
            return false;
        }
        starts.Remove(record.TopicPartition);
        return true;
    }

    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            starts.Remove(partition);
        }
    }
}
