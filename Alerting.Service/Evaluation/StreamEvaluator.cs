using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Feeds the engine samples from perfmon.samples.v1 as they arrive, so a breach is seen within the poll interval, in
/// consumer group <see cref="AlertingOptions.ConsumerGroup"/> on the shared <see cref="KafkaConsumerLoop"/>. State is
/// rebuilt from PostgreSQL before the first record of every run is read; the event and grouped-sample consumers start
/// once it has been. Events are read in a group of their own (<see cref="EventStreamConsumer"/>): Kafka's assignors
/// balance partition counts, not topics, so in one group two replicas could each be given one topic.
/// </summary>
public sealed class StreamEvaluator(KafkaConsumerLoop loop, AlertEngine engine, ReplayCutoffs cutoffs, IOptions<AlertingOptions> options)
    : BackgroundService, IKafkaConsumerHandler
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<ReadOnlyMemory<byte>> samples = [];

    /// <summary>True once partitions are assigned: samples produced from then on will be evaluated.</summary>
    public bool IsConsuming { get; private set; }

    /// <summary>Waits until the alert states were rebuilt and partitions assigned for the first time; false when stopping first.</summary>
    public async Task<bool> WaitStartedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        loop.RunAsync(EvaluationConsumerSettings.For("alert-evaluation", options.Value.ConsumerGroup, Topics.Samples, options.Value), this, stoppingToken);

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        IsConsuming = false;
        cutoffs.Clear();
        return engine.RebuildAsync(cancellationToken);
    }

    public Task<IReadOnlyList<TopicPartitionOffset>> AssignedAsync(IConsumer<byte[], byte[]> consumer, IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        cutoffs.Assigned(consumer, partitions);
        IsConsuming = true;
        started.TrySetResult();
        return Task.FromResult<IReadOnlyList<TopicPartitionOffset>>([]);
    }

    /// <summary>Evaluation keeps nothing per partition but the replay cutoff; the offsets of what was evaluated are stored.</summary>
    public Task RevokedAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        cutoffs.Revoked(partitions);
        return Task.CompletedTask;
    }

    public Task LostAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken) => RevokedAsync(partitions, cancellationToken);

    public async Task HandleAsync(IReadOnlyList<ConsumeResult<byte[], byte[]>> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }
        samples.Clear();
        samples.AddRange(cutoffs.Current(records).Select(r => (ReadOnlyMemory<byte>)r.Message.Value));
        await engine.OnSampleRecordsAsync(samples, cancellationToken);
    }

    public void Abandon() => IsConsuming = false;
}
