using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Analytics.Retention;

/// <summary>
/// Drops rollup partitions whose whole range is older than the retention (days of minutes and of five minutes,
/// months of hours): a DROP is instant and leaves no dead rows to vacuum, unlike DELETE.
/// </summary>
public sealed partial class RetentionJob(
    NpgsqlDataSource dataSource,
    TimeProvider clock,
    IOptions<RetentionOptions> options,
    ILogger<RetentionJob> logger) : PeriodicJob(clock)
{
    protected override string JobName => "retention";

    protected override JobSchedule Schedule => JobSchedule.Every(options.Value.Interval);

    protected override Task RunJobAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    public async Task<IReadOnlyList<string>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var dropped = new List<string>();
        dropped.AddRange(await DropOlderAsync(RollupPartitions.Minutes, now - options.Value.Minutes, cancellationToken));
        dropped.AddRange(await DropOlderAsync(RollupPartitions.FiveMinutes, now - options.Value.FiveMinutes, cancellationToken));
        dropped.AddRange(await DropOlderAsync(RollupPartitions.Hours, now - options.Value.Hours, cancellationToken));
        foreach (var table in new[] { "late_samples WHERE bucket", "anomalies WHERE bucket", "health_scores WHERE time" })
        {
            await using var command = dataSource.CreateCommand($"DELETE FROM perfmon.{table} < $1");
            command.Parameters.AddWithValue((now - options.Value.Events).UtcDateTime);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return dropped;
    }

    private async Task<List<string>> DropOlderAsync(string parent, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var partitions = new List<(string Name, DateTime Upper)>();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // pg_get_expr prints the bounds in the session's time zone; read them in UTC, whatever the server's default.
            await using (var utc = new NpgsqlCommand("SELECT set_config('TimeZone', 'UTC', true)", connection))
            {
                await utc.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var command = new NpgsqlCommand("""
                SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
                FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                JOIN pg_namespace n ON n.oid = p.relnamespace
                WHERE n.nspname = 'perfmon' AND p.relname = $1
                """, connection);
            command.Parameters.AddWithValue(parent);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                partitions.Add((reader.GetString(0), UpperBound(reader.GetString(1))));
            }
        }
        var dropped = new List<string>();
        foreach (var (name, upper) in partitions.Where(p => p.Upper <= cutoff.UtcDateTime))
        {
            await using var drop = dataSource.CreateCommand($"DROP TABLE IF EXISTS perfmon.\"{name}\"");
            await drop.ExecuteNonQueryAsync(cancellationToken);
            LogDropped(name, upper);
            dropped.Add(name);
        }
        return dropped;
    }

    /// <summary>Parses the TO bound of "FOR VALUES FROM ('2026-11-01 00:00:00+00') TO ('2026-12-01 00:00:00+00')".</summary>
    private static DateTime UpperBound(string bound)
    {
        var to = bound[(bound.LastIndexOf("('", StringComparison.Ordinal) + 2)..bound.LastIndexOf("')", StringComparison.Ordinal)];
        return DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention dropped partition {Partition} (ended {Upper:o})")]
    private partial void LogDropped(string partition, DateTime upper);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention round failed; retrying next round")]
    private partial void LogFailed(Exception exception);
}
