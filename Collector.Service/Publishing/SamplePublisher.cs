using System.Buffers.Binary;
using Confluent.Kafka;
using Google.Protobuf;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// Publishes samples to perfmon.samples.v1: grouped by partition (series id modulo the partition count, so one
/// series always lands on one partition), one protobuf batch per partition, keyed by a series id of the batch.
/// Returns only once every batch is confirmed by the broker (idempotent producer, acks=all).
/// </summary>
public sealed class SamplePublisher(KafkaClientFactory factory, TopicProvisioner topics) : IHostedService, IDisposable
{
    private IProducer<byte[], byte[]>? producer;
    private int partitionCount;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await topics.EnsureTopicsAsync(cancellationToken);
        producer = new ProducerBuilder<byte[], byte[]>(factory.CreateProducerConfig()).Build();
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        var metadata = admin.GetMetadata(Topics.Samples, TimeSpan.FromMilliseconds(factory.Options.HealthTimeoutMs));
        partitionCount = metadata.Topics.Single().Partitions.Count;
        if (partitionCount == 0)
        {
            throw new InvalidOperationException($"Topic {Topics.Samples} has no partitions; create it before starting the collector.");
        }
    }

    public static int PartitionOf(ulong seriesId, int partitions) => (int)(seriesId % (ulong)partitions);

    public async Task PublishAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        var active = producer ?? throw new InvalidOperationException("The publisher has not started.");
        var deliveries = samples
            .GroupBy(s => PartitionOf(s.SeriesId, partitionCount))
            .Select(group =>
            {
                var batch = new SampleBatch();
                batch.Samples.AddRange(group);
                var key = new byte[sizeof(ulong)];
                BinaryPrimitives.WriteUInt64BigEndian(key, batch.Samples[0].SeriesId);
                return active.ProduceAsync(new TopicPartition(Topics.Samples, group.Key), new Message<byte[], byte[]> { Key = key, Value = batch.ToByteArray() }, cancellationToken);
            })
            .ToList();
        await Task.WhenAll(deliveries);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        producer?.Flush(cancellationToken);
        return Task.CompletedTask;
    }

    public void Dispose() => producer?.Dispose();
}
