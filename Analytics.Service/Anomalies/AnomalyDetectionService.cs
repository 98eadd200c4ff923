using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Rollups;

namespace PerfMonitor.Analytics.Anomalies;

/// <summary>
/// Runs an <see cref="AnomalyScan"/> over every series' closed minutes (older than the allowed lateness, so they no
/// longer change). One replica detects at a time (a PostgreSQL advisory lock); a new leader warms its detectors on the
/// last hours before reporting.
/// </summary>
public sealed partial class AnomalyDetectionService(
    NpgsqlDataSource dataSource,
    AnomalyScan scan,
    TimeProvider clock,
    IOptions<AnomalyOptions> options,
    IOptions<RollupOptions> rollupOptions,
    ILogger<AnomalyDetectionService> logger) : BackgroundService
{
    private const long LeaderLockKey = 0x5045_5246_414E_4F4D; // "PERFANOM"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var leader = await dataSource.OpenConnectionAsync(stoppingToken);
                if (!await TryLeadAsync(leader, stoppingToken))
                {
                    await Task.Delay(options.Value.Interval * 4, clock, stoppingToken);
                    continue;
                }
                await LeadAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
                scan.Reset();
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
            }
        }
    }

    private static async Task<bool> TryLeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.AddWithValue(LeaderLockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        var reportFrom = ClosedMinute();
        var processed = reportFrom - options.Value.Warmup;
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            var closed = ClosedMinute();
            if (closed > processed)
            {
                await scan.ProcessAsync(processed, closed, reportFrom, stoppingToken);
                processed = closed;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The start of the newest minute no sample can still join.</summary>
    private DateTimeOffset ClosedMinute()
    {
        var settled = clock.GetUtcNow() - rollupOptions.Value.AllowedLateness - TimeSpan.FromMinutes(1) - rollupOptions.Value.FlushInterval;
        return new DateTimeOffset(settled.UtcTicks - (settled.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Anomaly detection failed; detectors are rebuilt")]
    private partial void LogFailed(Exception exception);
}
