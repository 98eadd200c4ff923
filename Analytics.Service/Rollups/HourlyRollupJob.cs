using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Analytics.Sketches;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// Derives perfmon.rollups_1h from the minute rows: every flush marks the hours it touched dirty; once an hour is
/// closed (its end plus the allowed lateness has passed) this job recomputes it whole from its minutes and clears the
/// mark in the same transaction. Recomputing rather than adding keeps hours equal to their minutes whatever the order.
/// Hours still open or dirty are answered from the minute rows by the query side.
/// </summary>
public sealed partial class HourlyRollupJob(
    NpgsqlDataSource dataSource,
    TimeProvider clock,
    IOptions<HourlyRollupOptions> options,
    IOptions<RollupOptions> rollupOptions,
    ILogger<HourlyRollupJob> logger) : BackgroundService
{
    /// <summary>Every minute row of the hour [$1, $2), by series.</summary>
    public const string MinutesOfHourSql = """
        SELECT series_id, count, sum, min, max, last, last_at_ms, increase, sketch
        FROM perfmon.rollups_1m WHERE bucket >= $1 AND bucket < $2 ORDER BY series_id
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var closedBefore = clock.GetUtcNow() - rollupOptions.Value.AllowedLateness - TimeSpan.FromHours(1);
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
        await RollupPartitions.CreateAsync(dataSource, RollupPartitions.HourTable(DateOnly.FromDateTime(hour)), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var claim = new NpgsqlCommand("DELETE FROM perfmon.rollup_hours_dirty WHERE hour = $1", connection))
        {
            claim.Parameters.AddWithValue(hour);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false; // another replica rolled it up
            }
        }

        var rows = new List<HourRow>();
        await using (var read = new NpgsqlCommand(MinutesOfHourSql, connection))
        {
            read.Parameters.AddWithValue(hour);
            read.Parameters.AddWithValue(hour.AddHours(1));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            HourRow? current = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                var seriesId = reader.GetInt64(0);
                if (current is null || current.SeriesId != seriesId)
                {
                    current = new HourRow(seriesId);
                    rows.Add(current);
                }
                current.Add(reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetInt64(6), reader.GetDouble(7),
                    reader.IsDBNull(8) ? null : DDSketch.Deserialize((byte[])reader[8]));
            }
        }

        await using (var clear = new NpgsqlCommand("DELETE FROM perfmon.rollups_1h WHERE bucket = $1", connection))
        {
            clear.Parameters.AddWithValue(hour);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY perfmon.rollups_1h (series_id, bucket, count, sum, min, max, last, last_at_ms, increase, sketch) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                await copy.WriteRowAsync(cancellationToken, row.SeriesId, hour, row.Count, row.Sum, row.Min, row.Max, row.Last, row.LastAtMs, row.Increase, row.Sketch.Serialize());
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        LogRolledUp(hour, rows.Count);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rolled up hour {Hour:o}: {Series} series")]
    private partial void LogRolledUp(DateTime hour, int series);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hourly rollup failed; retrying next round")]
    private partial void LogFailed(Exception exception);
}
