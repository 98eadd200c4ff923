using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Micro.Bench;

/// <summary>
/// The analytics rollup consumer's work for one perfmon.samples.v1 record in the steady state: 1,000 samples of
/// series already stored, each with a metric and six labels as the remote-write workload sends them, decoded and
/// folded into minute cells that already exist (a cell is created once per series and minute; a sample lands in one
/// every time). Divide by 1,000 for per-sample figures. <see cref="ParseOnly"/> is the baseline: what the protobuf
/// library alone costs to materialise the same record.
/// </summary>
[MemoryDiagnoser]
public class RollupConsumerBenchmarks
{
    private const int SamplesPerRecord = 1_000;
    private readonly HashSet<long> stored = [];
    private readonly MinuteAggregator pending = new(TimeSpan.FromDays(1));
    private readonly PartitionState state = new();
    private byte[] record = [];
    private long offset;

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var batch = new SampleBatch();
        for (var i = 0; i < SamplesPerRecord; i++)
        {
            var sample = new Sample
            {
                Metric = $"bench_remote_write_metric_{i % 10}",
                Value = i * 0.5,
                TimestampUnixMs = now,
                Kind = i % 4 == 0 ? MetricKind.Counter : MetricKind.Gauge,
                Temporality = Temporality.Cumulative,
            };
            sample.Labels.Add(new Label { Name = "instance", Value = $"host-{i % 50}:9100" });
            sample.Labels.Add(new Label { Name = "job", Value = "node" });
            sample.Labels.Add(new Label { Name = "method", Value = (i % 3) switch { 0 => "GET", 1 => "POST", _ => "PUT" } });
            sample.Labels.Add(new Label { Name = "route", Value = $"/api/v1/resource/{i % 40}" });
            sample.Labels.Add(new Label { Name = "run", Value = "rw-bench" });
            sample.Labels.Add(new Label { Name = "service", Value = $"svc-{i % 20}" });
            sample.SeriesId = SeriesId.Compute(sample.Metric, sample.Labels);
            stored.Add(SeriesId.ToStorage(sample.SeriesId));
            batch.Samples.Add(sample);
        }
        record = batch.ToByteArray();
        DecodeAggregate();
    }

    [Benchmark(Baseline = true)]
    public int ParseOnly() => SampleBatch.Parser.ParseFrom(record).Samples.Count;

    [Benchmark]
    public long DecodeAggregate()
    {
        pending.Add(0, offset++, long.MaxValue, record, stored, state);
        return pending.SampleCount;
    }
}
