using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// Every <see cref="ReportOptions.CheckInterval"/>, makes each kind's report for its latest period when none is kept yet
/// (so a run missed while alerting was down is made when it starts), and deletes reports past their retention.
/// </summary>
public sealed partial class ReportScheduler(
    IEnumerable<ReportSchedule> schedules, ReportGenerator generator, ReportStore store, TimeProvider clock, IOptions<ReportOptions> options,
    ILogger<ReportScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, clock);
        do
        {
            await RunDueAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var schedule in schedules)
        {
            if (schedule.LatestPeriod(now) is not var (start, end))
            {
                continue;
            }
            try
            {
                if (!await store.ExistsAsync(schedule.Kind, end, cancellationToken)
                    && await generator.GenerateAsync(schedule.Kind, start, end, cancellationToken) is { } kept)
                {
                    LogGenerated(kept.Id, schedule.Kind, start, end);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(ex, schedule.Kind, end);
            }
        }
        try
        {
            await store.DeleteOlderThanAsync(now - options.Value.Retention, cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            LogRetentionFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReportId} ({Kind}) generated for {Start:o} to {End:o}")]
    private partial void LogGenerated(Guid reportId, ReportKind kind, DateTimeOffset start, DateTimeOffset end);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Kind} report ending {End:o} could not be made or delivered; the next check tries again")]
    private partial void LogFailed(Exception exception, ReportKind kind, DateTimeOffset end);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Old reports could not be deleted; the next check tries again")]
    private partial void LogRetentionFailed(Exception exception);
}
