using Confluent.Kafka;
using PerfMonitor.Contracts;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Sends the samples of grouped rules a batch yielded to <see cref="Topic"/>, one record per (rule, group), and waits
/// until the broker has them: the samples' own offsets are stored only after that, so a failure replays them.
/// </summary>
public sealed class GroupForwarder(KafkaClientFactory kafka) : IDisposable
{
    public const string Topic = Topics.AlertGroups;

    private readonly Lazy<IProducer<byte[], byte[]>> producer = new(() => new ProducerBuilder<byte[], byte[]>(kafka.CreateProducerConfig()).Build());

    public async Task SendAsync(IReadOnlyCollection<GroupedSamples> groups, CancellationToken cancellationToken)
    {
        if (groups.Count == 0)
        {
            return;
        }
        await Task.WhenAll(groups.Select(group =>
            producer.Value.ProduceAsync(Topic, new Message<byte[], byte[]> { Key = group.Key(), Value = group.Encode() }, cancellationToken)));
    }

    public void Dispose()
    {
        if (producer.IsValueCreated)
        {
            producer.Value.Dispose();
        }
    }
}
