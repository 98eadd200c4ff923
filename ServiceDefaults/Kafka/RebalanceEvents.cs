using Confluent.Kafka;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>
/// Rebalances as librdkafka reports them, recorded inside its callbacks (which must not wait on anything) and handed to
/// the handler by the loop between polls, in the order they happened.
/// </summary>
public sealed class RebalanceEvents
{
    private readonly Queue<(RebalanceKind Kind, List<TopicPartition> Partitions)> pending = new();

    public bool Any => pending.Count > 0;

    public void Assigned(List<TopicPartition> partitions) => pending.Enqueue((RebalanceKind.Assigned, [.. partitions]));

    public void Revoked(List<TopicPartitionOffset> partitions) => pending.Enqueue((RebalanceKind.Revoked, [.. partitions.Select(p => p.TopicPartition)]));

    public void Lost(List<TopicPartitionOffset> partitions) => pending.Enqueue((RebalanceKind.Lost, [.. partitions.Select(p => p.TopicPartition)]));

    public bool TryTake(out RebalanceKind kind, out List<TopicPartition> partitions)
    {
        var taken = pending.TryDequeue(out var next);
        (kind, partitions) = next;
        return taken;
    }
}
