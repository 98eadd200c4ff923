using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.Analytics.Retention;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Analytics.Sketches;
using PerfMonitor.Contracts.V1;
using RollupPoint = PerfMonitor.Analytics.Queries.RollupPoint;

namespace PerfMonitor.Analytics.Tests;

public sealed class FiveMinuteRollupTests(AnalyticsDatabase postgres) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private static readonly double[] Quantiles = [0, 0.5, 0.9, 0.95, 0.99, 1];

    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task Five_minute_rows_are_the_merge_of_their_minutes_also_when_a_dirty_hour_is_recomputed()
    {
        var metric = $"c{Guid.NewGuid():N}";
        var hour = new DateTimeOffset(2026, 11, 19, 10, 0, 0, TimeSpan.Zero);
        var random = new Random(5);
        var counter = 0.0;
        // Three counter series; gaps of several minutes leave some five-minute buckets empty.
        var first = Enumerable.Range(0, 900).Select(i => (Route: $"/r{i % 3}", Time: hour.AddSeconds(i * 4 + random.Next(0, 4)), Value: counter += random.Next(0, 50)))
            .Where(s => s.Time.Minute is < 20 or > 27).ToList();
        await WriteAsync(metric, MetricKind.Counter, first);
        await RunHourlyJobAsync(hour);
        var before = await FiveMinuteRowsAsync(metric);
        var expectedBefore = Expected(await MinuteRowsAsync(metric));

        // A late write into the closed hour marks it dirty; the job recomputes it and replaces its five-minute rows.
        await WriteAsync(metric, MetricKind.Counter, Enumerable.Range(0, 120).Select(i => (Route: "/r1", Time: hour.AddMinutes(22).AddSeconds(i), Value: counter += 7)));
        await RunHourlyJobAsync(hour);
        var after = await FiveMinuteRowsAsync(metric);

        Assert.Equal(expectedBefore, before);
        Assert.Equal(Expected(await MinuteRowsAsync(metric)), after);
        Assert.DoesNotContain(before, row => row.Bucket == hour.AddMinutes(20).UtcDateTime);
        Assert.Contains(after, row => row.Bucket == hour.AddMinutes(20).UtcDateTime);
        Assert.Equal(before.Sum(r => r.Count) + 120, after.Sum(r => r.Count));
        Assert.True(after.Sum(r => r.Increase) > 0);
    }

    [Fact(Timeout = 120_000)]
    public async Task Steps_of_5m_and_15m_answer_the_same_from_five_minute_rows_as_from_minutes_with_no_gap_or_double_count()
    {
        var metric = $"l{Guid.NewGuid():N}";
        var start = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var random = new Random(17);
        // Whole-number values keep every sum exact, so both paths must agree to the bit.
        var samples = Enumerable.Range(0, 7_200).Select(i => (Route: $"/r{i % 4}", Time: start.AddSeconds(i), Value: (double)random.Next(1, 2_000))).ToList();
        await WriteAsync(metric, MetricKind.Histogram, samples);
        var queries = new RollupQueries(dataSource, Options.Create(new QueryLimits()));
        // An end inside a five-minute row: that row must not be counted whole, its minutes before the end must be.
        var to = start.AddHours(2).AddMinutes(-2);
        var inRange = samples.Count(s => s.Time < to);
        var fromMinutes = await QueryAllAsync(queries, metric, start, to);

        await RunHourlyJobAsync(start.AddHours(1));
        var fromFiveMinutes = await QueryAllAsync(queries, metric, start, to);
        // The first hour now has only its five-minute rows; the second gets a late sample and is dirty again.
        await ExecuteAsync("DELETE FROM perfmon.rollups_1m r USING perfmon.series s WHERE s.series_id = r.series_id AND s.metric = $1 AND r.bucket < $2", metric, start.AddHours(1));
        await WriteAsync(metric, MetricKind.Histogram, [("/r0", start.AddMinutes(95), 5_000.0)]);
        var mixed = await QueryAllAsync(queries, metric, start, to);

        Assert.Equal(fromMinutes, fromFiveMinutes);
        foreach (var (query, points) in fromMinutes)
        {
            Assert.Equal(inRange, points.Sum(p => p.Count));
            Assert.Equal(points.Where(p => p.Time < start.AddHours(1)), mixed[query].Where(p => p.Time < start.AddHours(1)));
            Assert.Equal(inRange + 1, mixed[query].Sum(p => p.Count));
            Assert.Equal(5_000.0, mixed[query].Max(p => p.Max));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_twelve_hour_summary_window_reads_five_minute_rows_and_equals_the_minutes()
    {
        var metric = $"s{Guid.NewGuid():N}";
        var start = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(23);
        await WriteAsync(metric, MetricKind.Histogram, Enumerable.Range(0, 4_320).Select(i => (Route: $"/r{i % 2}", Time: start.AddSeconds(i * 10), Value: (double)random.Next(1, 500))));
        var queries = new RollupQueries(dataSource, Options.Create(new QueryLimits()));
        var fromMinutes = await queries.AggregateAsync(metric, new Dictionary<string, string>(), null, start, start.AddHours(12), CancellationToken.None);

        await RunHourlyJobAsync(start.AddHours(11));
        await ExecuteAsync("DELETE FROM perfmon.rollups_1m r USING perfmon.series s WHERE s.series_id = r.series_id AND s.metric = $1 AND r.bucket < $2", metric, start.AddHours(12));
        var fromFiveMinutes = await queries.AggregateAsync(metric, new Dictionary<string, string>(), null, start, start.AddHours(12), CancellationToken.None);

        Assert.Equal(4_320, fromMinutes.Count);
        Assert.Equal((fromMinutes.Count, fromMinutes.Sum, fromMinutes.Min, fromMinutes.Max), (fromFiveMinutes.Count, fromFiveMinutes.Sum, fromFiveMinutes.Min, fromFiveMinutes.Max));
        Assert.Equal(fromMinutes.Quantile(0.95), fromFiveMinutes.Quantile(0.95));
    }

    [Fact(Timeout = 60_000)]
    public async Task Retention_drops_five_minute_partitions_by_their_own_age()
    {
        var now = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
        await WriteAsync($"r{Guid.NewGuid():N}", MetricKind.Gauge, [("/a", now.AddDays(-60), 1.0), ("/a", now.AddDays(-100), 1.0), ("/a", now.AddDays(-2), 1.0)]);
        var job = new RetentionJob(dataSource, new FixedClock(now), Options.Create(new RetentionOptions { FiveMinutes = TimeSpan.FromDays(90) }), NullLogger<RetentionJob>.Instance);

        var dropped = await job.RunOnceAsync(CancellationToken.None);

        Assert.Contains("rollups_5m_20260816", dropped);
        Assert.DoesNotContain("rollups_5m_20260925", dropped);
        Assert.Contains("rollups_1m_20260925", dropped);
        Assert.DoesNotContain("rollups_5m_20261122", dropped);
        var kept = await PartitionsAsync(RollupPartitions.FiveMinutes);
        Assert.DoesNotContain("rollups_5m_20260816", kept);
        Assert.Contains("rollups_5m_20260925", kept);
    }

    private static async Task<Dictionary<string, List<RollupPoint>>> QueryAllAsync(RollupQueries queries, string metric, DateTimeOffset start, DateTimeOffset to)
    {
        var answers = new Dictionary<string, List<RollupPoint>>();
        foreach (var step in new[] { "5m", "15m" })
        {
            foreach (var agg in new[] { "p95", "sum" })
            {
                var answer = await queries.QueryAsync(new RollupQuery(metric, new Dictionary<string, string>(), start, to, step, agg), CancellationToken.None);
                answers[$"{step} {agg}"] = answer.Points.ToList();
            }
        }
        return answers;
    }

    /// <summary>The five-minute rows a correct job writes, merged here from the stored minutes one by one.</summary>
    private static List<StoredRowView> Expected(List<MinuteRow> minutes) =>
        minutes.GroupBy(m => (m.SeriesId, Bucket: RollupQueries.Align(new DateTimeOffset(m.Bucket), SeriesHour.FiveMinutes).UtcDateTime))
            .Select(g =>
            {
                var sketch = new DDSketch();
                foreach (var m in g.Where(m => m.Sketch is not null))
                {
                    sketch.Merge(m.Sketch!);
                }
                var last = g.MaxBy(m => m.Fields.LastMs)!;
                return new StoredRowView(g.Key.SeriesId, g.Key.Bucket, g.Sum(m => m.Fields.Count), g.Sum(m => m.Fields.Sum), g.Min(m => m.Fields.Min), g.Max(m => m.Fields.Max),
                    last.Fields.Last, last.Fields.LastMs, g.Sum(m => m.Increase), Describe(sketch));
            })
            .OrderBy(r => r.SeriesId).ThenBy(r => r.Bucket).ToList();

    private static string Describe(DDSketch sketch) => $"{sketch.Count}: " + string.Join(", ", Quantiles.Select(q => sketch.Quantile(q)));

    private async Task RunHourlyJobAsync(DateTimeOffset lastHour)
    {
        var job = new HourlyRollupJob(dataSource, new FixedClock(lastHour.AddHours(3)), Options.Create(new HourlyRollupOptions()), Options.Create(new RollupOptions()),
            NullLogger<HourlyRollupJob>.Instance);
        Assert.True(await job.RunOnceAsync(CancellationToken.None) >= 1);
    }

    private async Task<List<StoredRowView>> FiveMinuteRowsAsync(string metric)
    {
        var rows = new List<StoredRowView>();
        await foreach (var row in ReadAsync("rollups_5m", metric))
        {
            rows.Add(new StoredRowView(row.SeriesId, row.Bucket, row.Fields.Count, row.Fields.Sum, row.Fields.Min, row.Fields.Max, row.Fields.Last, row.Fields.LastMs,
                row.Increase, Describe(row.Sketch!)));
        }
        return rows;
    }

    private async Task<List<MinuteRow>> MinuteRowsAsync(string metric)
    {
        var rows = new List<MinuteRow>();
        await foreach (var row in ReadAsync("rollups_1m", metric))
        {
            rows.Add(row);
        }
        return rows;
    }

    private async IAsyncEnumerable<MinuteRow> ReadAsync(string table, string metric)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT r.series_id, r.bucket, {BucketColumns.Select("r")}, r.increase, r.sketch
            FROM perfmon.{table} r JOIN perfmon.series s USING (series_id) WHERE s.metric = $1 ORDER BY r.series_id, r.bucket
            """);
        command.Parameters.AddWithValue(metric);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var bucket = reader.GetDateTime(1);
            const int after = 2 + BucketColumns.Count;
            yield return new MinuteRow(reader.GetInt64(0), bucket, BucketColumns.Read(reader, 2, new DateTimeOffset(bucket).ToUnixTimeMilliseconds()),
                reader.GetDouble(after), reader.IsDBNull(after + 1) ? null : DDSketch.Deserialize((byte[])reader[after + 1]));
        }
    }

    private async Task<List<string>> PartitionsAsync(string parent)
    {
        await using var command = dataSource.CreateCommand("SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = $1 ORDER BY 1");
        command.Parameters.AddWithValue(parent);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private async Task ExecuteAsync(string sql, string metric, DateTimeOffset before)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(metric);
        command.Parameters.AddWithValue(before.UtcDateTime);
        Assert.True(await command.ExecuteNonQueryAsync() > 0);
    }

    private Task WriteAsync(string metric, MetricKind kind, IEnumerable<(string Route, DateTimeOffset Time, double Value)> samples) =>
        RouteSamples.WriteAsync(dataSource, metric, kind, samples);
}
