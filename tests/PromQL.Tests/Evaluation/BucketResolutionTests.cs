using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Results;
using PerfMonitor.PromQL.Storage;
using PerfMonitor.PromQL.Storage.InMemory;
using PerfMonitor.PromQL.Tests.Conformance;

namespace PerfMonitor.PromQL.Tests.Evaluation;

/// <summary>At aligned steps and whole-bucket ranges, buckets must answer exactly what the raw samples answer.</summary>
public class BucketResolutionTests
{
    private const long Minute = 60_000;

    private static readonly List<RawSeries> Data = Build();

    [Theory]
    [InlineData("rate(c[5m])")]
    [InlineData("increase(c[3m])")]
    [InlineData("delta(g[10m])")]
    [InlineData("irate(c[2m])")]
    [InlineData("idelta(g[5m])")]
    [InlineData("deriv(g[10m])")]
    [InlineData("avg_over_time(g[5m])")]
    [InlineData("min_over_time(g[5m]) + max_over_time(g[5m])")]
    [InlineData("sum_over_time(g[5m]) / count_over_time(g[5m])")]
    [InlineData("last_over_time(g[5m])")]
    [InlineData("quantile_over_time(0.3, g[10m])")]
    [InlineData("g offset 3m")]
    public async Task Minute_buckets_answer_as_raw_samples_do(string query)
    {
        var raw = new PromQLEngine(new InMemorySeriesSource(Data, [0]));
        var buckets = new PromQLEngine(new InMemorySeriesSource(Data, [Minute]));
        var (start, end) = (30 * Minute, 110 * Minute);

        var expected = await raw.RangeQueryAsync(query, start, end, Minute, CancellationToken.None);
        var actual = await buckets.RangeQueryAsync(query, start, end, Minute, CancellationToken.None);

        Assert.Empty(actual.Warnings);
        var differences = ResultComparer.Differences(PromJson.ToData(expected.Value), PromJson.ToData(actual.Value), 1e-9, out var compared);
        Assert.Empty(differences);
        Assert.True(compared > 60);
    }

    [Fact]
    public async Task The_coarsest_resolution_that_fits_the_step_is_read()
    {
        var source = new RecordingSource(new InMemorySeriesSource(Data, [Minute, 5 * Minute]));
        var engine = new PromQLEngine(source);

        await engine.RangeQueryAsync("rate(c[15m])", 30 * Minute, 90 * Minute, 5 * Minute, CancellationToken.None);
        await engine.RangeQueryAsync("rate(c[15m])", 30 * Minute, 90 * Minute, Minute, CancellationToken.None);
        await engine.RangeQueryAsync("rate(c[3m])", 30 * Minute, 90 * Minute, 5 * Minute, CancellationToken.None);

        Assert.Equal([5 * Minute, Minute, Minute], source.Resolutions);
    }

    [Fact]
    public async Task A_step_finer_than_the_buckets_still_answers_with_a_warning()
    {
        var engine = new PromQLEngine(new InMemorySeriesSource(Data, [Minute]));

        var result = await engine.RangeQueryAsync("rate(c[5m])", 30 * Minute, 40 * Minute, 15_000, CancellationToken.None);

        Assert.NotEmpty(Assert.IsType<MatrixResult>(result.Value).Series);
        Assert.Contains(result.Warnings, w => w.Contains("finer resolution than is stored", StringComparison.Ordinal));
    }

    private static List<RawSeries> Build()
    {
        var generator = new SeriesGenerator(0, 120 * Minute, 7);
        var counterTimes = generator.Times();
        var gaugeTimes = generator.Times(gap: (50 * Minute, 57 * Minute));
        return
        [
            new RawSeries(LabelSet.Of((LabelSet.MetricName, "c")), counterTimes, generator.Counter(counterTimes, 0, 20, 100, 101, 300)),
            new RawSeries(LabelSet.Of((LabelSet.MetricName, "g")), gaugeTimes, generator.Wave(gaugeTimes, 10, 5, 2, 1200)),
        ];
    }

    /// <summary>A real source that notes which resolution each request asked for.</summary>
    private sealed class RecordingSource(ISeriesSource inner) : ISeriesSource
    {
        public List<long> Resolutions { get; } = [];

        public IReadOnlyList<long> ResolutionsMs => inner.ResolutionsMs;

        public Task<SeriesSelection> SelectAsync(SeriesRequest request, CancellationToken cancellationToken)
        {
            Resolutions.Add(request.ResolutionMs);
            return inner.SelectAsync(request, cancellationToken);
        }
    }
}
