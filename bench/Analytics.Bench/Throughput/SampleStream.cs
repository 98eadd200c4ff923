using Google.Protobuf;
using PerfMonitor.Contracts.V1;
using PerfMonitor.Contracts.Wire;

namespace PerfMonitor.Analytics.Bench.Throughput;

/// <summary>
/// Records as the collector writes them: requests of 1,000 samples over the series population, one protobuf batch
/// per partition (series id modulo the partition count), keyed by a series id of the batch. Event times advance
/// at the stream's rate from each call's start, so the minutes open and close as they would live.
/// </summary>
public sealed class SampleStream(IReadOnlyList<BenchSeries> series, int partitions, double samplesPerSecond)
{
    public const int RequestSize = 1_000;
    private readonly Random random = new(11);
    private long produced;

    public sealed record Record(int Partition, byte[] Key, byte[] Value, int Samples);

    public List<Record> Next(long startMs, long samples)
    {
        var records = new List<Record>();
        long inCall = 0;
        for (long made = 0; made < samples; made += RequestSize)
        {
            var byPartition = new SampleBatch?[partitions];
            for (var i = 0; i < RequestSize; i++)
            {
                var s = series[random.Next(series.Count)];
                var sample = new Sample
                {
                    SeriesId = unchecked((ulong)s.Id),
                    Metric = s.Metric,
                    Kind = s.Kind,
                    Value = s.Kind == MetricKind.Counter ? produced : Math.Exp(3 + (random.NextDouble() * 3)),
                    TimestampUnixMs = startMs + (long)(inCall * 1000 / samplesPerSecond),
                };
                sample.Labels.AddRange(s.Labels);
                produced++;
                inCall++;
                var partition = SampleRecordKey.PartitionOf(sample.SeriesId, partitions);
                (byPartition[partition] ??= new SampleBatch()).Samples.Add(sample);
            }
            for (var p = 0; p < partitions; p++)
            {
                if (byPartition[p] is { } batch)
                {
                    records.Add(new Record(p, SampleRecordKey.Of(batch.Samples[0].SeriesId), batch.ToByteArray(), batch.Samples.Count));
                }
            }
        }
        return records;
    }
}
