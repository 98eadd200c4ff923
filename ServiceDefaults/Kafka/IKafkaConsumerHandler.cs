using Confluent.Kafka;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>
/// What one consumer does with its partitions and records. <see cref="KafkaConsumerLoop"/> calls it from one thread, one
/// call at a time, and never from inside a librdkafka callback: a rebalance is recorded there and handed over here
/// between polls, before any record that followed it.
/// </summary>
public interface IKafkaConsumerHandler
{
    /// <summary>Before every run (the first and each restart): rebuild what a failed run may have left half done.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Partitions newly assigned to this consumer; returns where each resumes. A partition left out (or at
    /// <see cref="Offset.Unset"/>) resumes at the group's committed offset; records before a returned offset are never handed over,
    /// and no record of a partition with a returned offset is handed over twice while it stays assigned.
    /// </summary>
    Task<IReadOnlyList<TopicPartitionOffset>> AssignedAsync(IConsumer<byte[], byte[]> consumer, IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken);

    /// <summary>Partitions handed to another consumer: finish what was read from them. Also called for every partition when the loop stops.</summary>
    Task RevokedAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken);

    /// <summary>Partitions taken away without a revocation (this consumer was thought dead): another may already own them.</summary>
    Task LostAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken);

    /// <summary>
    /// A batch of records in partition order, or none when the poll timed out (a chance to flush on time). When it
    /// returns, the loop stores the batch's offsets if <see cref="KafkaConsumerSettings.StoreOffsets"/> is set.
    /// </summary>
    Task HandleAsync(IReadOnlyList<ConsumeResult<byte[], byte[]>> records, CancellationToken cancellationToken);

    /// <summary>The run failed: drop what was read but not made durable; it is read again after the restart.</summary>
    void Abandon();
}
