using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Sketches;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// Derives perfmon.rollups_1h and perfmon.rollups_5m from the minute rows: every flush marks the hours it touched
/// dirty; once an hour is closed (its end plus the allowed lateness has passed) this job recomputes the hour row and
/// its five-minute rows whole from the same read of its minutes and clears the mark in the same transaction.
/// Recomputing rather than adding keeps both equal to their minutes whatever the order. Hours still open or dirty are
/// answered from the minute rows by the query side.
/// </summary>
public sealed partial class HourlyRollupJob(
    NpgsqlDataSource dataSource,
    TimeProvider clock,
    IOptions<HourlyRollupOptions> options,
    IOptions<RollupOptions> rollupOptions,
    ILogger<HourlyRollupJob> logger) : PeriodicJob(clock)
{
    /// <summary>Every minute row of the hour [$1, $2), by series and in time order (the bucket fields merge in time order).</summary>
    public static readonly string MinutesOfHourSql = $"""
        SELECT r.series_id, r.bucket, {BucketColumns.Select("r")}, r.increase, r.sketch
        FROM perfmon.rollups_1m r WHERE r.bucket >= $1 AND r.bucket < $2 ORDER BY r.series_id, r.bucket
        """;

    private const string Columns = $"series_id, bucket, {BucketColumns.Names}, increase, sketch";

    protected override string JobName => "hourly-rollups";

    protected override JobSchedule Schedule => new(options.Value.Interval, options.Value.RunTimeout);

    protected override Task RunJobAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var closedBefore = Clock.GetUtcNow() - rollupOptions.Value.AllowedLateness - TimeSpan.FromHours(1);
        var hours = new List<DateTime>();
        await using (var command = dataSource.CreateCommand("SELECT hour FROM perfmon.rollup_hours_dirty WHERE hour <= $1 ORDER BY hour LIMIT $2"))
        {
            command.Parameters.AddWithValue(closedBefore.UtcDateTime);
            command.Parameters.AddWithValue(options.Value.MaxHoursPerRound);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hours.Add(reader.GetDateTime(0));
            }
        }
        var done = 0;
        foreach (var hour in hours)
        {
            done += await RollUpAsync(hour, cancellationToken) ? 1 : 0;
        }
        return done;
    }

    private async Task<bool> RollUpAsync(DateTime hour, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(hour);
        await RollupPartitions.CreateAsync(dataSource, RollupPartitions.HourTable(day), cancellationToken);
        await RollupPartitions.CreateAsync(dataSource, RollupPartitions.FiveMinuteTable(day), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SET LOCAL work_mem = '{options.Value.SortMemoryMegabytes}MB'", null, cancellationToken);
        if (await ExecuteAsync(connection, "DELETE FROM perfmon.rollup_hours_dirty WHERE hour = $1", [hour], cancellationToken) == 0)
        {
            return false; // another replica rolled it up
        }

        var (hours, fiveMinutes) = await ReadHourAsync(connection, hour, cancellationToken);
        await ExecuteAsync(connection, "DELETE FROM perfmon.rollups_1h WHERE bucket = $1", [hour], cancellationToken);
        await ExecuteAsync(connection, "DELETE FROM perfmon.rollups_5m WHERE bucket >= $1 AND bucket < $2", [hour, hour.AddHours(1)], cancellationToken);
        await CopyAsync(connection, RollupPartitions.Hours, hours, cancellationToken);
        await CopyAsync(connection, RollupPartitions.FiveMinutes, fiveMinutes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRolledUp(hour, hours.Count);
        return true;
    }

    /// <summary>
    /// The hour and five-minute rows of every series, in series order so a series' rows of the hour sit together on
    /// disk. A series' sketches are encoded as soon as its minutes end, so only one series is held decoded at a time.
    /// </summary>
    private static async Task<(List<StoredRow> Hours, List<StoredRow> FiveMinutes)> ReadHourAsync(NpgsqlConnection connection, DateTime hour, CancellationToken cancellationToken)
    {
        var hours = new List<StoredRow>();
        var fiveMinutes = new List<StoredRow>();
        await using var read = new NpgsqlCommand(MinutesOfHourSql, connection);
        read.Parameters.AddWithValue(hour);
        read.Parameters.AddWithValue(hour.AddHours(1));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        SeriesHour? current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var bucket = reader.GetDateTime(1);
            const int after = 2 + BucketColumns.Count;
            var minute = new MinuteRow(reader.GetInt64(0), bucket, BucketColumns.Read(reader, 2, (long)(bucket - DateTime.UnixEpoch).TotalMilliseconds),
                reader.GetDouble(after), reader.IsDBNull(after + 1) ? null : DDSketch.Deserialize((byte[])reader[after + 1]));
            if (current is null || current.SeriesId != minute.SeriesId)
            {
                current?.Complete(hours, fiveMinutes);
                current = new SeriesHour(minute.SeriesId, hour);
            }
            current.Add(minute);
        }
        current?.Complete(hours, fiveMinutes);
        return (hours, fiveMinutes);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, List<StoredRow> rows, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"COPY perfmon.{table} ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(row.SeriesId, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(row.Bucket, NpgsqlTypes.NpgsqlDbType.TimestampTz, cancellationToken);
            await BucketColumns.WriteAsync(copy, row.Fields, cancellationToken);
            await copy.WriteAsync(row.Increase, NpgsqlTypes.NpgsqlDbType.Double, cancellationToken);
            await copy.WriteAsync(row.Sketch, NpgsqlTypes.NpgsqlDbType.Bytea, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, object[]? parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters ?? [])
        {
            command.Parameters.AddWithValue(parameter);
        }
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rolled up hour {Hour:o}: {Series} series")]
    private partial void LogRolledUp(DateTime hour, int series);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hourly rollup failed; retrying next round")]
    private partial void LogFailed(Exception exception);
}
