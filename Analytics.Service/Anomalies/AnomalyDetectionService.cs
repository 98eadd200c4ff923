using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Analytics.Anomalies;

/// <summary>
/// Runs an <see cref="AnomalyScan"/> over every series' closed minutes (older than the allowed lateness, so they no
/// longer change). One replica detects at a time (a PostgreSQL advisory lock held on its own connection across runs);
/// a new leader warms its detectors on the last hours before reporting. A failed run gives up the lead and rebuilds the
/// detectors.
/// </summary>
public sealed partial class AnomalyDetectionService(
    NpgsqlDataSource dataSource,
    AnomalyScan scan,
    TimeProvider clock,
    IOptions<AnomalyOptions> options,
    IOptions<RollupOptions> rollupOptions,
    ILogger<AnomalyDetectionService> logger) : PeriodicJob(clock)
{
    private const long LeaderLockKey = 0x5045_5246_414E_4F4D; // "PERFANOM"

    private NpgsqlConnection? leader;
    private DateTimeOffset reportFrom;
    private DateTimeOffset processed;

    protected override string JobName => "anomaly-detection";

    protected override JobSchedule Schedule => new(options.Value.Interval, options.Value.RunTimeout);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override async Task RunJobAsync(CancellationToken cancellationToken)
    {
        if (leader is null && !await TryLeadAsync(cancellationToken))
        {
            return;
        }
        var closed = ClosedMinute();
        if (closed > processed)
        {
            await scan.ProcessAsync(processed, closed, reportFrom, cancellationToken);
            processed = closed;
        }
    }

    protected override void OnFailed(Exception exception)
    {
        LogFailed(exception);
        scan.Reset();
        ResignLead();
    }

    public override void Dispose()
    {
        ResignLead();
        base.Dispose();
    }

    /// <summary>Takes the lead if no other replica holds it; a new leader starts reporting at the current closed minute.</summary>
    private async Task<bool> TryLeadAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection))
        {
            command.Parameters.AddWithValue(LeaderLockKey);
            if (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                await connection.DisposeAsync();
                return false;
            }
        }
        leader = connection;
        reportFrom = ClosedMinute();
        processed = reportFrom - options.Value.Warmup;
        return true;
    }

    /// <summary>Closing the connection releases the advisory lock, so another replica may lead.</summary>
    private void ResignLead()
    {
        leader?.Dispose();
        leader = null;
    }

    /// <summary>The start of the newest minute no sample can still join.</summary>
    private DateTimeOffset ClosedMinute()
    {
        var settled = Clock.GetUtcNow() - rollupOptions.Value.AllowedLateness - TimeSpan.FromMinutes(1) - rollupOptions.Value.FlushInterval;
        return new DateTimeOffset(settled.UtcTicks - (settled.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Anomaly detection failed; detectors are rebuilt")]
    private partial void LogFailed(Exception exception);
}
