using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts.V1;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Tests;

/// <summary>
/// The bucket fields PromQL reads (first and second-to-last sample, in-bucket increase, regression sums) on the
/// minute rows the consumer writes and the five-minute and hour rows the hourly job derives: each equal to the bucket
/// the PromQL library builds from the same raw samples.
/// </summary>
public sealed class RollupBucketFieldTests(AnalyticsDatabase postgres) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task A_minute_written_in_two_flushes_holds_the_bucket_of_all_its_samples()
    {
        var metric = $"c{Guid.NewGuid():N}";
        var samples = Counter(Hour.AddMinutes(3).ToUnixTimeMilliseconds() + 1_000, intervalMs: 4_000, count: 12, resetAt: 7);
        await StoredSamples.WriteAsync(dataSource, samples.Take(5).Select(s => Sample(metric, s)));
        await StoredSamples.WriteAsync(dataSource, samples.Skip(5).Select(s => Sample(metric, s)));

        var stored = Assert.Single(await RowsAsync("rollups_1m", metric));

        AssertSame(Build(Hour.AddMinutes(3).ToUnixTimeMilliseconds(), samples), stored);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_minute_with_one_sample_has_no_second_to_last_sample()
    {
        var metric = $"g{Guid.NewGuid():N}";
        await StoredSamples.WriteAsync(dataSource, [Sample(metric, (Hour.AddMinutes(9).AddSeconds(20).ToUnixTimeMilliseconds(), 4.5))]);

        var stored = Assert.Single(await RowsAsync("rollups_1m", metric));

        Assert.Equal(Bucket.NoSample, stored.PreviousLastMs);
        Assert.Equal((4.5, 4.5, 0.0, 1L), (stored.First, stored.Last, stored.Increase, stored.Count));
    }

    [Fact(Timeout = 120_000)]
    public async Task Five_minute_and_hour_rows_hold_the_bucket_of_all_their_samples()
    {
        var metric = $"h{Guid.NewGuid():N}";
        // A sample every 7 s for the hour, a reset at sample 200 and a gap of five minutes (a five-minute row without samples).
        var samples = Counter(Hour.ToUnixTimeMilliseconds() + 1_500, intervalMs: 7_000, count: 514, resetAt: 200)
            .Where(s => s.TimeMs < Hour.AddMinutes(30).ToUnixTimeMilliseconds() || s.TimeMs >= Hour.AddMinutes(35).ToUnixTimeMilliseconds()).ToList();
        await StoredSamples.WriteAsync(dataSource, samples.Select(s => Sample(metric, s)));
        var job = new HourlyRollupJob(dataSource, new FixedClock(Hour.AddHours(3)), Options.Create(new HourlyRollupOptions()), Options.Create(new RollupOptions()),
            NullLogger<HourlyRollupJob>.Instance);
        Assert.True(await job.RunOnceAsync(CancellationToken.None) >= 1);

        var hour = Assert.Single(await RowsAsync("rollups_1h", metric));
        var fiveMinutes = await RowsAsync("rollups_5m", metric);

        AssertSame(Build(Hour.ToUnixTimeMilliseconds(), samples), hour);
        Assert.Equal(11, fiveMinutes.Count);
        foreach (var row in fiveMinutes)
        {
            AssertSame(Build(row.StartMs, samples.Where(s => s.TimeMs >= row.StartMs && s.TimeMs < row.StartMs + 300_000)), row);
        }
    }

    /// <summary>A counter's samples with random increments, set back to a small value at <paramref name="resetAt"/>.</summary>
    private static List<(long TimeMs, double Value)> Counter(long startMs, long intervalMs, int count, int resetAt)
    {
        var random = new Random(count);
        var total = 100.0;
        return [.. Enumerable.Range(0, count).Select(i => (startMs + i * intervalMs, total = i == resetAt ? 3 : total + random.Next(0, 40)))];
    }

    private static Sample Sample(string metric, (long TimeMs, double Value) sample) =>
        StoredSamples.Sample(metric, [("job", "api")], sample.TimeMs, sample.Value, MetricKind.Counter);

    private static Bucket Build(long startMs, IEnumerable<(long TimeMs, double Value)> samples)
    {
        var builder = new BucketBuilder(startMs);
        foreach (var (time, value) in samples)
        {
            builder.Add(time, value);
        }
        return builder.Build(null);
    }

    private static void AssertSame(Bucket expected, Bucket actual)
    {
        Assert.Equal(expected with { SumDt = 0, SumDt2 = 0, SumDtValue = 0 }, actual with { SumDt = 0, SumDt2 = 0, SumDtValue = 0 });
        Assert.Equal(expected.SumDt, actual.SumDt, 1e-9 * Math.Abs(expected.SumDt));
        Assert.Equal(expected.SumDt2, actual.SumDt2, 1e-9 * Math.Abs(expected.SumDt2));
        Assert.Equal(expected.SumDtValue, actual.SumDtValue, 1e-9 * Math.Abs(expected.SumDtValue));
    }

    private async Task<List<Bucket>> RowsAsync(string table, string metric)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT r.bucket, {BucketColumns.Select("r")} FROM perfmon.{table} r JOIN perfmon.series s USING (series_id)
            WHERE s.metric = $1 ORDER BY r.bucket
            """);
        command.Parameters.AddWithValue(metric);
        var rows = new List<Bucket>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(BucketColumns.Read(reader, 1, new DateTimeOffset(reader.GetDateTime(0)).ToUnixTimeMilliseconds()));
        }
        return rows;
    }
}
