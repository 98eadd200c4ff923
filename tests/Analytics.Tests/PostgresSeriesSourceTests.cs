using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Prometheus;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Storage;
using PerfMonitor.PromQL.Storage.InMemory;

namespace PerfMonitor.Analytics.Tests;

/// <summary>
/// PromQL's series source over PostgreSQL answers as the in-memory source over the same raw samples: the same series
/// for every kind of matcher, and the same buckets at one minute, five minutes and an hour, whether an hour is read
/// from its derived rows or (open or dirty) from minutes.
/// </summary>
public sealed class PostgresSeriesSourceTests(AnalyticsDatabase postgres) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private const long Minute = 60_000;
    private static readonly long Start = new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long[] Resolutions = [Minute, 5 * Minute, 60 * Minute];

    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Theory(Timeout = 120_000)]
    [InlineData("{__name__=\"m_requests\"}")]
    [InlineData("m_requests{job=\"api\"}")]
    [InlineData("m_requests{job!=\"api\"}")]
    [InlineData("m_requests{job=~\"api|web\"}")]
    [InlineData("m_requests{job=~\"a.*\"}")]
    [InlineData("m_requests{job!~\"a.*|\"}")]
    [InlineData("m_requests{zone=\"\"}")]
    [InlineData("m_requests{zone!=\"\"}")]
    [InlineData("{__name__=~\"m_.*\", job=\"web\"}")]
    [InlineData("{__name__=~\"m_(requests|temperature)\"}")]
    [InlineData("{__name__!=\"m_requests\", job=~\".+\"}")]
    [InlineData("m_requests{job=~\"API\"}")]
    [InlineData("m_requests{job=~\"(?i)API\"}")]
    public async Task Matchers_select_the_series_Prometheus_would(string selector)
    {
        await StoreAsync();
        var matchers = ((PromQL.Syntax.VectorSelector)PromQL.Parsing.PromQLParser.Parse(selector)).Matchers;
        var request = new SeriesRequest(matchers, Start, Start + 2 * 60 * Minute, Minute, BucketFields.None);

        var expected = await new InMemorySeriesSource(Raw, [Minute]).SelectAsync(request, CancellationToken.None);
        var actual = await Source().SelectAsync(request, CancellationToken.None);

        Assert.Equal(Names(expected), Names(actual));
    }

    [Theory(Timeout = 180_000)]
    [InlineData(Minute)]
    [InlineData(5 * Minute)]
    [InlineData(60 * Minute)]
    public async Task Buckets_equal_the_in_memory_sources_from_derived_rows_and_from_minutes(long resolution)
    {
        await StoreAsync();
        var matchers = new[] { new LabelMatcher(LabelSet.MetricName, LabelMatchType.Equal, "m_requests") };
        var request = new SeriesRequest(matchers, Start + 10 * Minute, Start + 175 * Minute, resolution, BucketFields.All);
        var expected = await new InMemorySeriesSource(Raw, Resolutions, new DDSketchQuantilesFactory()).SelectAsync(request, CancellationToken.None);

        var fromMinutes = await Source().SelectAsync(request, CancellationToken.None);
        await RunHourlyJobAsync();
        var fromDerived = await Source().SelectAsync(request, CancellationToken.None);
        // A late sample of another metric makes the second hour dirty again: it is read from minutes until the job has run.
        await StoredSamples.WriteAsync(dataSource, [StoredSamples.Sample("m_late", [], Start + 90 * Minute + 1_000, 7)]);
        var withDirtyHour = await Source().SelectAsync(request, CancellationToken.None);
        await RunHourlyJobAsync();

        AssertSameBuckets(expected, fromMinutes);
        AssertSameBuckets(expected, fromDerived);
        AssertSameBuckets(expected, withDirtyHour);
    }

    [Fact(Timeout = 120_000)]
    public async Task More_series_than_the_limit_over_all_selectors_of_a_query_are_refused_before_any_row_is_read()
    {
        await StoreAsync();
        var source = new PostgresSeriesSource(dataSource, 3, TimeSpan.FromSeconds(10));
        var two = new SeriesRequest([new(LabelSet.MetricName, LabelMatchType.Equal, "m_requests"), new("zone", LabelMatchType.Equal, "")], Start, Start + Minute, Minute, BucketFields.None);

        await source.SelectAsync(two, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<QueryTooExpensiveException>(() => source.SelectAsync(two, CancellationToken.None));

        Assert.Equal((QueryCost.TooManySeries, 4L, 3L), (refused.Cost, refused.Found, refused.Limit));
    }

    private static readonly List<RawSeries> Raw =
    [
        Series("m_requests", ("job", "api")), Series("m_requests", ("job", "web"), ("zone", "a")), Series("m_requests", ("job", "admin")),
        Series("m_temperature", ("job", "web")), Series("m_other", ("job", "web")),
    ];

    private PostgresSeriesSource Source() => new(dataSource, 10_000, TimeSpan.FromSeconds(30));

    /// <summary>Three hours of five counters (a sample every 13 s, never on a minute boundary), written once per test class.</summary>
    private async Task StoreAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM perfmon.series");
        if ((long)(await command.ExecuteScalarAsync())! > 0)
        {
            return;
        }
        await StoredSamples.WriteAsync(dataSource, Raw.SelectMany(s => Enumerable.Range(0, s.Length).Select(i => StoredSamples.Sample(
            s.Labels.Get(LabelSet.MetricName)!, s.Labels.WithoutMetricName().ToDictionary().Select(l => (l.Key, l.Value)), s.TimesMs[i], s.Values[i], Contracts.V1.MetricKind.Counter))));
    }

    private static RawSeries Series(string metric, params (string Name, string Value)[] labels)
    {
        var random = new Random(labels.Length * 31 + metric.Length);
        var times = Enumerable.Range(0, 3 * 3600 / 13).Select(i => Start + 2_500 + i * 13_000L).ToArray();
        var total = 0.0;
        var values = times.Select((_, i) => total = i == 400 ? 1 : total + random.Next(0, 25)).ToArray();
        return new RawSeries(LabelSet.Of([(LabelSet.MetricName, metric), .. labels]), times, values);
    }

    private async Task RunHourlyJobAsync()
    {
        var job = new HourlyRollupJob(dataSource, TimeProvider.System, Options.Create(new HourlyRollupOptions()), Options.Create(new RollupOptions()),
            NullLogger<HourlyRollupJob>.Instance);
        await job.RunOnceAsync(CancellationToken.None);
    }

    private static List<string> Names(SeriesSelection selection) => [.. selection.Series.Select(s => s.Labels.ToString()).Order(StringComparer.Ordinal)];

    private static void AssertSameBuckets(SeriesSelection expected, SeriesSelection actual)
    {
        Assert.Equal(Names(expected), Names(actual));
        foreach (var want in expected.Series)
        {
            var got = actual.Series.Single(s => s.Labels.Equals(want.Labels)).Points;
            Assert.Equal(want.Points.Length, got.Length);
            for (var i = 0; i < got.Length; i++)
            {
                Assert.Equal(Point(want.Points, i), Point(got, i));
                Assert.Equal(want.Points.SumDt![i], got.SumDt![i], 1e-9 * Math.Abs(want.Points.SumDt[i]));
                Assert.Equal(want.Points.SumDtValue![i], got.SumDtValue![i], 1e-9 * Math.Abs(want.Points.SumDtValue[i]));
                Assert.Equal(want.Points.SketchAt(i).ValueAtRank(got.SketchAt(i).Count / 2), got.SketchAt(i).ValueAtRank(got.SketchAt(i).Count / 2));
            }
        }
    }

    private static (long, long, long, double, double, double, double, double, long, double, long, double) Point(PointColumns p, int i) =>
        (p.StartMs[i], p.LastMs[i], p.CountAt(i), p.Last[i], p.SumAt(i), p.MinAt(i), p.MaxAt(i), p.FirstAt(i), p.FirstMsAt(i), p.IncreaseAt(i),
            p.PreviousLastMs![i], p.PreviousLast![i]);
}
