using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// Deletes delivered and dead notifications (their attempt logs go with them) once they finished longer ago than the
/// retention, a batch per statement so a large backlog never holds a long transaction. Pending rows are never touched.
/// </summary>
public sealed partial class NotificationRetention(NpgsqlDataSource dataSource, IOptions<DeliveryOptions> options, ILogger<NotificationRetention> logger)
    : PeriodicJob(TimeProvider.System)
{
    protected override string JobName => "notification-retention";

    /// <summary>The first purge waits one interval: start-up is left to the work that cannot wait.</summary>
    protected override JobSchedule Schedule => JobSchedule.Every(options.Value.RetentionInterval) with { RunAtStart = false };

    protected override async Task RunJobAsync(CancellationToken cancellationToken)
    {
        if (await PurgeAsync(cancellationToken) is > 0 and var deleted)
        {
            LogPurged(deleted, options.Value.Retention);
        }
    }

    protected override void OnFailed(Exception exception) => LogPurgeFailed(exception);

    /// <summary>Deletes every expired row, batch by batch; returns how many.</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        long total = 0;
        int deleted;
        do
        {
            await using var command = dataSource.CreateCommand("""
                DELETE FROM perfmon.notifications WHERE id IN (
                    SELECT id FROM perfmon.notifications
                    WHERE status <> 'pending' AND coalesce(delivered_at, dead_at) < now() - $1
                    LIMIT $2)
                """);
            command.Parameters.AddWithValue(options.Value.Retention);
            command.Parameters.AddWithValue(options.Value.RetentionBatchSize);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == options.Value.RetentionBatchSize);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} delivered or dead notification(s) older than {Retention}")]
    private partial void LogPurged(long count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification retention failed; trying again at the next interval")]
    private partial void LogPurgeFailed(Exception exception);
}
