using Google.Protobuf;
using PerfMonitor.Contracts.V1;
using PerfMonitor.Contracts.Wire;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// Turns samples into Kafka records: one batch per partition (series id modulo the partition count, so a series
/// always lands on one partition), split into several when its encoding would exceed what one record may carry,
/// so no batch the collector accepted can be refused by Kafka for its size. A sample that alone does not fit is
/// set aside for its sender to be told.
/// </summary>
public sealed class SampleBatcher(int maxPayloadBytes)
{
    /// <summary>
    /// Room kept below message.max.bytes for what Kafka adds around a value: a record batch header (61 bytes), the
    /// record's own framing (a few varints), the 8-byte key and, in the dead-letter topic, the reason headers.
    /// Compression is not counted on: lz4 may not shrink a batch at all.
    /// </summary>
    public const int RecordOverheadBytes = 1024;

    public int MaxPayloadBytes => maxPayloadBytes;

    public static SampleBatcher ForMessageMaxBytes(int messageMaxBytes) => new(messageMaxBytes - RecordOverheadBytes);

    /// <param name="partitions">The samples topic's partition count, or 0 while unknown (one group, partition -1).</param>
    /// <param name="encodings">Per sample (same index), its series' encoding when it has one (<see cref="SeriesEncoding"/>).</param>
    public BatchPlan Plan(IReadOnlyList<Sample> samples, int partitions, IReadOnlyList<SeriesEncoding?>? encodings = null)
    {
        var plan = new BatchPlan();
        foreach (var (partition, batch, batchEncodings) in GroupByPartition(samples, partitions, encodings))
        {
            if (SampleProducer.EncodeWithin(batch, batchEncodings, maxPayloadBytes) is { } payload)
            {
                plan.Batches.Add(new EncodedBatch(partition, batch, payload));
            }
            else
            {
                Split(partition, batch, plan);
            }
        }
        return plan;
    }

    /// <summary>Consecutive runs of the batch's samples, each as large as fits; the order within the partition is kept.</summary>
    private void Split(int partition, SampleBatch batch, BatchPlan plan)
    {
        var tagSize = CodedOutputStream.ComputeTagSize(SampleBatch.SamplesFieldNumber);
        var chunk = new SampleBatch();
        var size = 0;
        foreach (var sample in batch.Samples)
        {
            var sampleSize = sample.CalculateSize();
            var framed = tagSize + CodedOutputStream.ComputeLengthSize(sampleSize) + sampleSize;
            if (framed > maxPayloadBytes)
            {
                plan.TooLarge.Add(new SampleRefusal(sample,
                    $"encodes to {framed} bytes, more than one Kafka record may carry ({maxPayloadBytes} bytes: Collector:Publishing:MessageMaxBytes less {RecordOverheadBytes} of record overhead); send fewer or shorter labels",
                    SampleRefusal.TooLarge));
                continue;
            }
            if (size + framed > maxPayloadBytes)
            {
                plan.Batches.Add(new EncodedBatch(partition, chunk, SampleProducer.Encode(chunk)));
                chunk = new SampleBatch();
                size = 0;
            }
            chunk.Samples.Add(sample);
            size += framed;
        }
        if (chunk.Samples.Count > 0)
        {
            plan.Batches.Add(new EncodedBatch(partition, chunk, SampleProducer.Encode(chunk)));
        }
    }

    /// <summary>One batch per partition that has samples, in partition order, each keeping the samples' order (and their encodings').</summary>
    private static List<(int Partition, SampleBatch Batch, List<SeriesEncoding?>? Encodings)> GroupByPartition(
        IReadOnlyList<Sample> samples, int partitions, IReadOnlyList<SeriesEncoding?>? encodings)
    {
        if (partitions == 0)
        {
            var all = new SampleBatch();
            all.Samples.AddRange(samples);
            return [(-1, all, encodings?.ToList())];
        }
        var byPartition = new (SampleBatch Batch, List<SeriesEncoding?>? Encodings)?[partitions];
        var used = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            var partition = SampleRecordKey.PartitionOf(samples[i].SeriesId, partitions);
            if (byPartition[partition] is not { } group)
            {
                byPartition[partition] = group = (new SampleBatch(), encodings is null ? null : []);
                used++;
            }
            group.Batch.Samples.Add(samples[i]);
            group.Encodings?.Add(encodings![i]);
        }
        var batches = new List<(int, SampleBatch, List<SeriesEncoding?>?)>(used);
        for (var partition = 0; partition < partitions; partition++)
        {
            if (byPartition[partition] is { } group)
            {
                batches.Add((partition, group.Batch, group.Encodings));
            }
        }
        return batches;
    }
}
