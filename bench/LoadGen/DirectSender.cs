using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.Contracts.Wire;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.LoadGen;

/// <summary>
/// Background load produced straight into perfmon.samples.v1, as the collector would write it (series ids set, one
/// record per partition, partition = series id modulo partitions, the collector's producer settings). It measures the
/// consumers under a rate the gateway and collector could not carry on a small machine.
/// </summary>
public sealed class DirectSender(string bootstrapServers, int partitions) : IDisposable
{
    private readonly IProducer<byte[], byte[]> producer = new ProducerBuilder<byte[], byte[]>(new KafkaClientFactory(Options.Create(new KafkaOptions { BootstrapServers = bootstrapServers })).CreateProducerConfig()).Build();

    /// <summary>Samples acknowledged by the broker, or null when a record's delivery failed (its samples are in doubt).</summary>
    public async Task<long?> SendAsync(SampleBatch batch)
    {
        var byPartition = new Dictionary<int, SampleBatch>();
        foreach (var sample in batch.Samples)
        {
            sample.SeriesId = SeriesId.Compute(sample.Metric, sample.Labels);
            var partition = SampleRecordKey.PartitionOf(sample.SeriesId, partitions);
            if (!byPartition.TryGetValue(partition, out var part))
            {
                byPartition[partition] = part = new SampleBatch();
            }
            part.Samples.Add(sample);
        }
        try
        {
            await Task.WhenAll(byPartition.Select(p =>
            {
                var record = new Message<byte[], byte[]> { Key = SampleRecordKey.Of(p.Value.Samples[0].SeriesId), Value = p.Value.ToByteArray() };
                return producer.ProduceAsync(new TopicPartition(Topics.Samples, p.Key), record);
            }));
            return batch.Samples.Count;
        }
        catch (ProduceException<byte[], byte[]>)
        {
            return null;
        }
    }

    public void Dispose() => producer.Dispose();
}
