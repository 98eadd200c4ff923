using System.Text.Json;
using Npgsql;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.Analytics.Rollups;

namespace PerfMonitor.Analytics.Tests;

/// <summary>
/// The planner prices a rollup read by its real range and series: the rows it expects are about the rows the read
/// returns. Bounded by a value only known while the statement runs, the range was priced at PostgreSQL's default 0.5%
/// of the table's rows, whatever its width, and the plan chosen for a handful of rows read a week of every series'.
/// </summary>
public sealed class RollupReadEstimateTests(AnalyticsDatabase postgres) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private const string Metric = "m_estimate";
    private const int Series = 400;
    private const int Groups = 10;
    private static readonly DateTime Day = new(2026, 10, 12, 0, 0, 0, DateTimeKind.Utc);

    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
        await using (var loaded = dataSource.CreateCommand($"SELECT count(*) FROM perfmon.series WHERE metric = '{Metric}'"))
        {
            // The database is the class's; the rows are written for its first test only.
            if ((long)(await loaded.ExecuteScalarAsync())! > 0)
            {
                return;
            }
        }
        var date = DateOnly.FromDateTime(Day);
        await RollupPartitions.CreateAsync(dataSource, RollupPartitions.HourTable(date), CancellationToken.None);
        await RollupPartitions.CreateAsync(dataSource, RollupPartitions.FiveMinuteTable(date), CancellationToken.None);
        await ExecuteAsync($"""
            INSERT INTO perfmon.series (series_id, metric, labels)
            SELECT s, '{Metric}', jsonb_build_object('instance', 'i' || s, 'group', 'g' || (s % {Groups})) FROM generate_series(1, {Series}) AS s
            """);
        // A day of every series, written bucket by bucket across the series as the hourly job writes them.
        foreach (var (table, width) in new[] { ("rollups_1h", "1 hour"), ("rollups_5m", "5 minutes") })
        {
            await ExecuteAsync($"""
                INSERT INTO perfmon.{table} (series_id, bucket, {BucketColumns.Names}, increase)
                SELECT s, b, 1, 1, 1, 1, 1, 0, 1, 0, NULL, NULL, 0, 0, 0, 0, 0
                FROM generate_series(timestamptz '2026-10-12 00:00:00+00', timestamptz '2026-10-12 23:59:00+00', interval '{width}') AS b,
                     generate_series(1, {Series}) AS s
                ORDER BY b, s
                """);
        }
        await ExecuteAsync("ANALYZE perfmon.series, perfmon.rollups_1h, perfmon.rollups_5m");
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Theory(Timeout = 60_000)]
    [InlineData(RollupSource.Hours)]
    [InlineData(RollupSource.FiveMinutes)]
    public async Task The_planner_expects_about_the_rows_a_read_of_derived_rows_returns(RollupSource source)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var group = new Dictionary<string, string> { ["group"] = "g3" };
        var series = await RollupQueries.MatchingAsync(connection, Metric, group, null, CancellationToken.None);
        await using var command = await RollupRowsSql.CommandAsync(
            connection, source, series, Day.AddHours(2), Day.AddHours(20), RollupQueries.Columns, minuteBuckets: false, CancellationToken.None);
        command.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + command.CommandText;

        var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!).RootElement[0].GetProperty("Plan");
        var (expected, actual) = (plan.GetProperty("Plan Rows").GetDouble(), plan.GetProperty("Actual Rows").GetDouble());

        var rowsPerHour = (long)(TimeSpan.FromHours(1) / source.Width());
        Assert.Equal(Series / Groups * 18 * rowsPerHour, (long)actual);
        Assert.InRange(expected / actual, 0.5, 2);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
