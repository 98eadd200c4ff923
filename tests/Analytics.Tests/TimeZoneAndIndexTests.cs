using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.Analytics.Retention;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Analytics.Tests;

/// <summary>Day partitions and hours are UTC whatever the session's time zone; the hourly job finds an hour's rows by an index.</summary>
public sealed class TimeZoneAndIndexTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    // Half-hour offset: a local midnight or hour is never a UTC one.
    private const string SessionTimeZone = "Asia/Kolkata";

    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        var connection = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Timezone = SessionTimeZone };
        dataSource = await MigratedDatabase.OpenAsync(connection.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task A_sample_before_UTC_midnight_lands_in_its_UTC_day_and_marks_its_UTC_hour_in_a_non_UTC_session()
    {
        var time = new DateTimeOffset(2026, 10, 5, 23, 50, 0, TimeSpan.Zero);

        await RouteSamples.WriteAsync(dataSource, $"tz{Guid.NewGuid():N}", MetricKind.Gauge, [("/a", time, 1.0)]);

        Assert.Equal("FOR VALUES FROM ('2026-10-05 00:00:00+00') TO ('2026-10-06 00:00:00+00')", await BoundsInUtcAsync("rollups_1m_20261005"));
        Assert.Equal("FOR VALUES FROM ('2026-10-01 00:00:00+00') TO ('2026-11-01 00:00:00+00')", await BoundsInUtcAsync("rollups_1h_202610"));
        Assert.Contains(new DateTimeOffset(2026, 10, 5, 23, 0, 0, TimeSpan.Zero), await DirtyHoursAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task An_hourly_step_read_from_minutes_buckets_by_UTC_hours_in_a_non_UTC_session()
    {
        var metric = $"tzq{Guid.NewGuid():N}";
        var hour = new DateTimeOffset(2026, 10, 6, 10, 0, 0, TimeSpan.Zero);
        await RouteSamples.WriteAsync(dataSource, metric, MetricKind.Gauge, Enumerable.Range(0, 60).Select(m => ("/a", hour.AddMinutes(m), 1.0)));
        var queries = new RollupQueries(dataSource, Options.Create(new QueryLimits()));

        // The hour is not rolled up yet (it is marked dirty), so its points come from the minute rows.
        var answer = await queries.QueryAsync(new RollupQuery(metric, new Dictionary<string, string>(), hour, hour.AddHours(1), "1h", "count"), CancellationToken.None);

        var point = Assert.Single(answer.Points);
        Assert.Equal((hour, 60L), (point.Time, point.Count));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_day_partition_is_dropped_only_once_its_whole_UTC_day_is_past_the_retention_in_a_non_UTC_session()
    {
        var day = new DateOnly(2026, 9, 1);
        await RollupPartitions.CreateAsync(dataSource, RollupPartitions.MinuteTable(day), CancellationToken.None);
        var retention = new RetentionOptions { Minutes = TimeSpan.FromDays(30) };
        // Cutoff 20:00 UTC of that day: the day's last four hours are still within the retention.
        var clock = new FixedClock(new DateTimeOffset(2026, 10, 1, 20, 0, 0, TimeSpan.Zero));
        var job = new RetentionJob(dataSource, clock, Options.Create(retention), NullLogger<RetentionJob>.Instance);

        var early = await job.RunOnceAsync(CancellationToken.None);
        clock.Now = new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero);
        var due = await job.RunOnceAsync(CancellationToken.None);

        Assert.DoesNotContain("rollups_1m_20260901", early);
        Assert.Contains("rollups_1m_20260901", due);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_hourly_jobs_delete_of_an_hours_rows_uses_an_index_led_by_bucket()
    {
        var hour = new DateTimeOffset(2026, 10, 7, 10, 0, 0, TimeSpan.Zero);
        await RollupPartitions.CreateAsync(dataSource, RollupPartitions.HourTable(DateOnly.FromDateTime(hour.UtcDateTime)), CancellationToken.None);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // A day of hour rows of 400 series, written hour by hour as the job writes them.
        await using (var rows = new NpgsqlCommand("""
            INSERT INTO perfmon.rollups_1h (series_id, bucket, count, sum, min, max, last, last_at_ms, increase)
            SELECT s, h, 1, 1, 1, 1, 1, 0, 0
            FROM generate_series(timestamptz '2026-10-07 00:00:00+00', timestamptz '2026-10-07 23:00:00+00', interval '1 hour') AS h,
                 generate_series(1, 400) AS s
            ORDER BY h, s;
            ANALYZE perfmon.rollups_1h_202610;
            SET LOCAL enable_seqscan = off;
            """, connection))
        {
            // With sequential scans priced out, the plan shows whether any index finds the hour's rows by its bucket:
            // the (series_id, bucket) key can only be read whole for that.
            await rows.ExecuteNonQueryAsync();
        }
        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) DELETE FROM perfmon.rollups_1h WHERE bucket = $1", connection);
        explain.Parameters.AddWithValue(hour.UtcDateTime);
        var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!).RootElement;

        var indexes = IndexNames(plan).ToList();
        Assert.NotEmpty(indexes);
        foreach (var index in indexes)
        {
            Assert.Equal("bucket", await LeadingColumnAsync(connection, index));
        }
    }

    /// <summary>Every "Index Name" in a JSON plan, at any depth.</summary>
    private static IEnumerable<string> IndexNames(JsonElement plan) => plan.ValueKind switch
    {
        JsonValueKind.Object => plan.EnumerateObject().SelectMany(p => p.Name == "Index Name" ? [p.Value.GetString()!] : IndexNames(p.Value)),
        JsonValueKind.Array => plan.EnumerateArray().SelectMany(IndexNames),
        _ => [],
    };

    private static async Task<string> LeadingColumnAsync(NpgsqlConnection connection, string index)
    {
        await using var command = new NpgsqlCommand("""
            SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
            WHERE c.relname = $1
            """, connection);
        command.Parameters.AddWithValue(index);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> BoundsInUtcAsync(string partition)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var utc = new NpgsqlCommand("SET LOCAL TimeZone = 'UTC'", connection))
        {
            await utc.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand("SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_class c WHERE c.relname = $1", connection);
        command.Parameters.AddWithValue(partition);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<DateTimeOffset>> DirtyHoursAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT hour FROM perfmon.rollup_hours_dirty");
        await using var reader = await command.ExecuteReaderAsync();
        var hours = new List<DateTimeOffset>();
        while (await reader.ReadAsync())
        {
            hours.Add(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero));
        }
        return hours;
    }
}
