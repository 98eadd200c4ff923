using BenchmarkDotNet.Attributes;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Bench;

/// <summary>
/// The consumer's in-memory work per record: one 1,000-sample batch over 1,000 series into minute cells
/// (count, sum, min, max, last, sketch, lateness check). Divide by 1,000 for per-sample figures.
/// </summary>
[MemoryDiagnoser]
public class AggregatorBenchmarks
{
    private const int BatchSize = 1_000;
    private readonly HashSet<long> stored = [];
    private SampleBatch batch = new();

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var random = new Random(2);
        for (var i = 0; i < BatchSize; i++)
        {
            var sample = new Sample { Metric = "http_request_duration_ms", Value = Math.Exp(random.NextDouble() * 7), TimestampUnixMs = now + i, Kind = MetricKind.Histogram };
            sample.Labels.Add(new Label { Name = "route", Value = $"/r{i}" });
            sample.SeriesId = SeriesId.Compute(sample.Metric, sample.Labels);
            stored.Add(SeriesId.ToStorage(sample.SeriesId));
            batch.Samples.Add(sample);
        }
    }

    [Benchmark]
    public int AddBatch()
    {
        var pending = new MinuteAggregator();
        pending.Add(0, 0, batch, stored, new PartitionState());
        return pending.Cells.Count;
    }
}
