using System.Collections.Concurrent;
using Confluent.Kafka;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.ServiceDefaults.Tests.Consuming;

/// <summary>A consumer handler that records what the loop hands it; each hook can be replaced by a test.</summary>
public sealed class RecordingHandler : IKafkaConsumerHandler
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<long> HandledOffsets { get; } = new();

    public ConcurrentDictionary<TopicPartition, bool> Owned { get; } = new();

    public int Prepared => Calls.Count(c => c == "prepare");

    public Func<IReadOnlyList<TopicPartition>, IReadOnlyList<TopicPartitionOffset>> Positions { get; init; } = _ => [];

    public Func<IReadOnlyList<TopicPartition>, Task> OnAssigned { get; init; } = _ => Task.CompletedTask;

    public Func<IReadOnlyList<TopicPartition>, Task> OnRevoked { get; init; } = _ => Task.CompletedTask;

    public Func<IReadOnlyList<ConsumeResult<byte[], byte[]>>, Task> OnBatch { get; init; } = _ => Task.CompletedTask;

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        Calls.Enqueue("prepare");
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<TopicPartitionOffset>> AssignedAsync(IConsumer<byte[], byte[]> consumer, IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        Calls.Enqueue("assigned");
        await OnAssigned(partitions);
        foreach (var partition in partitions)
        {
            Owned[partition] = true;
        }
        return Positions(partitions);
    }

    public async Task RevokedAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        Calls.Enqueue("revoked");
        await OnRevoked(partitions);
        foreach (var partition in partitions)
        {
            Owned.TryRemove(partition, out _);
        }
    }

    public Task LostAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken) => RevokedAsync(partitions, cancellationToken);

    public async Task HandleAsync(IReadOnlyList<ConsumeResult<byte[], byte[]>> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }
        await OnBatch(records);
        foreach (var record in records)
        {
            HandledOffsets.Enqueue(record.Offset.Value);
        }
    }

    public void Abandon() => Calls.Enqueue("abandon");
}
