using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Analytics.Prometheus;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.PromQL.Storage;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Analytics.Tests;

/// <summary>
/// PromQL's reads of closed hours find every column they need in the (series_id, bucket) key: an index-only scan, not
/// one heap page per row (the hourly job writes rows hour by hour across all series, so a series' rows lie apart).
/// </summary>
public sealed class RollupReadPlanTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const long Minute = 60_000;
    private static readonly DateTimeOffset Day = new(2026, 10, 12, 0, 0, 0, TimeSpan.Zero);

    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
        var date = DateOnly.FromDateTime(Day.UtcDateTime);
        await RollupPartitions.CreateAsync(dataSource, RollupPartitions.HourTable(date), CancellationToken.None);
        await RollupPartitions.CreateAsync(dataSource, RollupPartitions.FiveMinuteTable(date), CancellationToken.None);
        // A day of 400 series, written bucket by bucket as the hourly job writes them; then vacuumed, as autovacuum does
        // with rows no one changes any more, so the visibility map lets an index answer alone.
        foreach (var (table, width) in new[] { ("rollups_1h", "1 hour"), ("rollups_5m", "5 minutes") })
        {
            await using var rows = dataSource.CreateCommand($"""
                INSERT INTO perfmon.{table} (series_id, bucket, {BucketColumns.Names}, increase)
                SELECT s, b, 1, 1, 1, 1, 1, 0, 1, 0, NULL, NULL, 0, 0, 0, 0, 0
                FROM generate_series(timestamptz '2026-10-12 00:00:00+00', timestamptz '2026-10-12 23:59:00+00', interval '{width}') AS b,
                     generate_series(1, 400) AS s
                ORDER BY b, s
                """);
            await rows.ExecuteNonQueryAsync();
        }
        await using var vacuum = dataSource.CreateCommand("VACUUM ANALYZE perfmon.rollups_1h, perfmon.rollups_5m");
        await vacuum.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Theory(Timeout = 60_000)]
    [InlineData(5 * Minute, "rollups_5m")]
    [InlineData(60 * Minute, "rollups_1h")]
    public async Task Closed_hours_are_read_by_an_index_only_scan_for_every_field_but_the_sketch(long resolutionMs, string table)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var settings = new NpgsqlCommand("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off", connection))
        {
            // Priced out, so the plan is the choice between reading the key alone and the key plus a heap page per row.
            await settings.ExecuteNonQueryAsync();
        }
        await using var explain = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) {RollupPointsReader.Sql(resolutionMs, BucketFields.All & ~BucketFields.Sketch)}", connection);
        explain.Parameters.Add(new NpgsqlParameter { Value = new long[] { 3, 30, 300 }, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        explain.Parameters.Add(new NpgsqlParameter { Value = Day.AddHours(2).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        explain.Parameters.Add(new NpgsqlParameter { Value = Day.AddHours(20).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!).RootElement;

        var scans = Scans(plan).Where(s => s.Relation.StartsWith(table, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(scans);
        Assert.All(scans, s => Assert.Equal("Index Only Scan", s.NodeType));
    }

    /// <summary>Every plan node that reads a relation, at any depth: its node type and relation.</summary>
    private static IEnumerable<(string NodeType, string Relation)> Scans(JsonElement plan) => plan.ValueKind switch
    {
        JsonValueKind.Object => (plan.TryGetProperty("Relation Name", out var relation)
                ? [(plan.GetProperty("Node Type").GetString()!, relation.GetString()!)]
                : Enumerable.Empty<(string, string)>())
            .Concat(plan.EnumerateObject().SelectMany(p => Scans(p.Value))),
        JsonValueKind.Array => plan.EnumerateArray().SelectMany(Scans),
        _ => [],
    };
}
