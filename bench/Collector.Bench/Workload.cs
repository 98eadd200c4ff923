using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Bench;

/// <summary>
/// The samples every protocol sends, built once: request-latency series over ten metrics, labels in arrival order
/// (not sorted, as agents send them). <see cref="Normalized"/> holds the same batches as the collector publishes
/// them (labels sorted, series id set), for the produce-directly baseline.
/// </summary>
public sealed class Workload
{
    private const int Metrics = 10;
    private const int DistinctBatches = 16;

    private Workload(IReadOnlyList<SampleBatch> batches, IReadOnlyList<SampleBatch> normalized)
    {
        Batches = batches;
        Normalized = normalized;
    }

    public IReadOnlyList<SampleBatch> Batches { get; }

    public IReadOnlyList<SampleBatch> Normalized { get; }

    public static Workload Create(BenchOptions options)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var random = new Random(42);
        var batches = new List<SampleBatch>();
        var series = 0;
        for (var b = 0; b < DistinctBatches; b++)
        {
            var batch = new SampleBatch();
            for (var i = 0; i < options.BatchSize; i++, series = (series + 1) % options.Series)
            {
                var withinMetric = series / Metrics;
                var sample = new Sample
                {
                    Metric = $"bench_request_duration_{series % Metrics}",
                    Value = Math.Round(random.NextDouble() * 500, 3),
                    TimestampUnixMs = now,
                    Unit = "ms",
                    Kind = MetricKind.Gauge,
                };
                sample.Labels.Add(new Label { Name = "service", Value = $"svc{withinMetric % 20}" });
                sample.Labels.Add(new Label { Name = "route", Value = $"/api/r{withinMetric / 20 % 50}" });
                sample.Labels.Add(new Label { Name = "method", Value = "GET" });
                sample.Labels.Add(new Label { Name = "instance", Value = $"i{withinMetric / 1000}" });
                batch.Samples.Add(sample);
            }
            batches.Add(batch);
        }
        return new Workload(batches, batches.Select(Normalize).ToList());
    }

    private static SampleBatch Normalize(SampleBatch batch)
    {
        var normalized = batch.Clone();
        foreach (var sample in normalized.Samples)
        {
            var sorted = sample.Labels.OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
            sample.Labels.Clear();
            sample.Labels.AddRange(sorted);
            sample.SeriesId = SeriesId.Compute(sample.Metric, sample.Labels);
        }
        return normalized;
    }
}
