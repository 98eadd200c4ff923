using Confluent.Kafka;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// The partition bookkeeping of the live stream's consumers, <see cref="StreamEvaluator"/> (samples) and
/// <see cref="EventStreamConsumer"/> (events): whether they hold partitions, and where a partition their group never
/// committed on starts (<see cref="ReplayCutoffs"/>). <see cref="KafkaConsumerLoop"/> calls it one call at a time.
/// </summary>
public abstract class ReplayingConsumer(ReplayCutoffs cutoffs) : BackgroundService, IKafkaConsumerHandler
{
    /// <summary>True once partitions are assigned: records produced from then on will be evaluated.</summary>
    public bool IsConsuming { get; private set; }

    public virtual Task PrepareAsync(CancellationToken cancellationToken)
    {
        IsConsuming = false;
        cutoffs.Clear();
        return Task.CompletedTask;
    }

    public virtual Task<IReadOnlyList<TopicPartitionOffset>> AssignedAsync(IConsumer<byte[], byte[]> consumer, IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        cutoffs.Assigned(consumer, partitions);
        IsConsuming = true;
        return Task.FromResult<IReadOnlyList<TopicPartitionOffset>>([]);
    }

    /// <summary>Nothing is kept per partition but the replay cutoff; the offsets of what was evaluated are stored.</summary>
    public Task RevokedAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        cutoffs.Revoked(partitions);
        return Task.CompletedTask;
    }

    public Task LostAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken) => RevokedAsync(partitions, cancellationToken);

    public Task HandleAsync(IReadOnlyList<ConsumeResult<byte[], byte[]>> records, CancellationToken cancellationToken) =>
        records.Count == 0 ? Task.CompletedTask : EvaluateAsync(cutoffs.Current(records), cancellationToken);

    public void Abandon() => IsConsuming = false;

    /// <summary>A batch's records written since their partition's replay cutoff, in partition order.</summary>
    protected abstract Task EvaluateAsync(IReadOnlyList<ConsumeResult<byte[], byte[]>> records, CancellationToken cancellationToken);
}
