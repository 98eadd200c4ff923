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
    : ReplayingConsumer(cutoffs)
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<ReadOnlyMemory<byte>> samples = [];

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

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await base.PrepareAsync(cancellationToken);
        await engine.RebuildAsync(cancellationToken);
    }

    public override async Task<IReadOnlyList<TopicPartitionOffset>> AssignedAsync(IConsumer<byte[], byte[]> consumer, IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        var positions = await base.AssignedAsync(consumer, partitions, cancellationToken);
        started.TrySetResult();
        return positions;
    }

    protected override async Task EvaluateAsync(IReadOnlyList<ConsumeResult<byte[], byte[]>> records, CancellationToken cancellationToken)
    {
        samples.Clear();
        samples.AddRange(records.Select(r => (ReadOnlyMemory<byte>)r.Message.Value));
        await engine.OnSampleRecordsAsync(samples, cancellationToken);
    }
}
