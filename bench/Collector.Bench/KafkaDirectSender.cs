using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts.V1;
using PerfMonitor.Contracts.Wire;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Collector.Bench;

/// <summary>
/// The baseline: the same samples, already normalised, grouped per partition, encoded and produced straight to
/// Kafka with the collector's producer settings, each request awaiting its deliveries. No HTTP, no validation.
/// </summary>
public sealed class KafkaDirectSender(string bootstrapServers, Workload workload, int partitions) : ISender
{
    public const string Topic = "bench.baseline";

    private readonly IProducer<byte[], byte[]> producer = new ProducerBuilder<byte[], byte[]>(
        new KafkaClientFactory(Options.Create(new KafkaOptions { BootstrapServers = bootstrapServers })).CreateProducerConfig()).Build();

    public async Task<long> SendAsync(int index, CancellationToken cancellationToken)
    {
        var samples = workload.Normalized[index % workload.Normalized.Count].Samples;
        var byPartition = new SampleBatch?[partitions];
        foreach (var sample in samples)
        {
            var partition = SampleRecordKey.PartitionOf(sample.SeriesId, partitions);
            (byPartition[partition] ??= new SampleBatch()).Samples.Add(sample);
        }
        var deliveries = new List<Task>(partitions);
        for (var partition = 0; partition < partitions; partition++)
        {
            if (byPartition[partition] is not { } batch)
            {
                continue;
            }
            var record = new Message<byte[], byte[]> { Key = SampleRecordKey.Of(batch.Samples[0].SeriesId), Value = batch.ToByteArray() };
            deliveries.Add(producer.ProduceAsync(new TopicPartition(Topic, partition), record, cancellationToken));
        }
        await Task.WhenAll(deliveries);
        return samples.Count;
    }

    public void Dispose() => producer.Dispose();
}
