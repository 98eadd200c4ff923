using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PerfMonitor.AppHost.Kafka;

/// <summary>
/// Deletes the embedded broker's records that every reader of their topic has committed. The broker (librdkafka's
/// mock cluster) answers a fetch with one batch per partition, found by walking the partition's batches from the
/// oldest, so records kept after all readers are done cost CPU on every fetch: at 150,000 samples/s that walk was a
/// fifth of the whole system's CPU. Kept, they also count against the 5 MiB a partition holds. A partition that one of
/// its topic's readers has not committed on yet is left alone, and so is a topic with no readers listed
/// (<see cref="AppHostOptions.KafkaTopicReaders"/>).
/// </summary>
public sealed partial class ConsumedRecordsTrim(EmbeddedKafkaResource kafka, GroupOffsets committed, AppHostOptions options, ILogger log)
{
    private readonly Dictionary<TopicPartition, long> trimmedTo = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.KafkaTrimInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (kafka.Cluster is not { IsUp: true } cluster)
                {
                    continue;
                }
                try
                {
                    var offsets = await committed.ReadAsync(cancellationToken);
                    foreach (var consumed in Consumed(options.KafkaTopicReaders, kafka.Partitions, offsets))
                    {
                        if (trimmedTo.GetValueOrDefault(consumed.TopicPartition) < consumed.Offset.Value)
                        {
                            cluster.DeleteRecordsBefore(consumed.Topic, consumed.Partition.Value, consumed.Offset.Value);
                            trimmedTo[consumed.TopicPartition] = consumed.Offset.Value;
                        }
                    }
                }
                catch (Exception ex) when (ex is KafkaException or NpgsqlException or InvalidOperationException)
                {
                    LogTrimFailed(ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
    }

    /// <summary>
    /// Per partition of each topic with readers, the offset before which every reader is done: the lowest of the readers'
    /// committed offsets, or nothing when a reader has not committed on the partition.
    /// </summary>
    public static IEnumerable<TopicPartitionOffset> Consumed(
        IReadOnlyDictionary<string, string[]> topicReaders, int partitions, IEnumerable<CommittedOffset> offsets)
    {
        var byReader = offsets.ToLookup(o => (o.Group, o.Partition));
        foreach (var (topic, readers) in topicReaders)
        {
            for (var p = 0; p < partitions; p++)
            {
                var partition = new TopicPartition(topic, p);
                var lowest = readers.Select(reader => byReader[(reader, partition)].Select(o => (long?)o.Offset).Min()).ToList();
                if (lowest.Count > 0 && lowest.All(o => o is > 0))
                {
                    yield return new TopicPartitionOffset(partition, lowest.Min()!.Value);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Trimming consumed records skipped: {Reason}")]
    private partial void LogTrimFailed(string reason);
}
