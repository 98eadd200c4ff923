using BenchmarkDotNet.Attributes;
using PerfMonitor.PromQL;
using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Micro.Bench;

/// <summary>
/// The PromQL engine over 24 hours of 1-minute buckets (the rollups' finest resolution) at step 1 m: 1,440 steps of
/// every series. The source hands out columns built once in the setup, so the figures are the engine's evaluation
/// alone, not reading PostgreSQL. Series carry job (10 values) and instance labels, as scraped targets do.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class PromQLEngineBenchmarks
{
    private const long Minute = 60_000;
    private const long Day = 24 * 60 * Minute;
    private const long End = 1_767_225_600_000 + Day;
    private const long Start = End - Day;

    private PromQLEngine engine = null!;

    [Params(1_000, 10_000)]
    public int Series { get; set; }

    [GlobalSetup]
    public void Setup() => engine = new PromQLEngine(new PrebuiltSource(Series, Start - Day / 24, End));

    [Benchmark]
    public int SumByJobOfRate() => Points(engine.RangeQueryAsync("sum by (job) (rate(http_requests_total[5m]))", Start, End, Minute, CancellationToken.None));

    [Benchmark]
    public int RatePerSeries() => Points(engine.RangeQueryAsync("rate(http_requests_total[5m])", Start, End, Minute, CancellationToken.None));

    [Benchmark]
    public int AvgByJobOfAvgOverTimeOneHour() => Points(engine.RangeQueryAsync("avg by (job) (avg_over_time(http_requests_total[1h]))", Start, End, Minute, CancellationToken.None));

    private static int Points(Task<PerfMonitor.PromQL.Results.QueryResult> query) =>
        ((PerfMonitor.PromQL.Results.MatrixResult)query.GetAwaiter().GetResult().Value).Series.Sum(s => s.TimesMs.Length);

    /// <summary>Counters as 1-minute buckets of four samples each (one every 15 s), built once.</summary>
    private sealed class PrebuiltSource : ISeriesSource
    {
        private readonly List<SeriesPoints> series = [];

        public PrebuiltSource(int count, long fromMs, long toMs)
        {
            var random = new Random(7);
            for (var s = 0; s < count; s++)
            {
                var labels = LabelSet.Of((LabelSet.MetricName, "http_requests_total"), ("job", $"job{s % 10}"), ("instance", $"i{s}"));
                var buckets = (int)((toMs - fromMs) / Minute);
                var points = PointColumns.Buckets(Minute, buckets, BucketFields.Count | BucketFields.Sum | BucketFields.First | BucketFields.Increase);
                var total = (double)random.Next(0, 1_000);
                for (var b = 0; b < buckets; b++)
                {
                    var builder = new BucketBuilder(fromMs + b * Minute);
                    for (var k = 0; k < 4; k++)
                    {
                        total += random.Next(0, 20);
                        builder.Add(fromMs + b * Minute + 5_000 + k * 15_000, total);
                    }
                    points.Set(b, builder.Build(null));
                }
                series.Add(new SeriesPoints(labels, points));
            }
        }

        public IReadOnlyList<long> ResolutionsMs { get; } = [Minute];

        public Task<SeriesSelection> SelectAsync(SeriesRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new SeriesSelection(series.Where(s => request.Matchers.All(m => m.Matches(s.Labels))).ToList(), []));
    }
}
