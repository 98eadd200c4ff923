using Microsoft.Extensions.Options;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// Every <see cref="ReportOptions.CheckInterval"/>, makes each kind's report for its latest period when none is kept yet
/// (so a run missed while alerting was down is made when it starts), and deletes reports past their retention. The cron
/// schedules only say which period is due (<see cref="ReportSchedule.LatestPeriod"/>), so the check itself is a periodic
/// job like any other and a report is made within about one check of its cron time.
/// </summary>
public sealed partial class ReportScheduler(
    IEnumerable<ReportSchedule> schedules, ReportGenerator generator, ReportStore store, TimeProvider clock, IOptions<ReportOptions> options,
    ILogger<ReportScheduler> logger) : PeriodicJob(clock)
{
    protected override string JobName => "reports";

    /// <summary>
    /// Untimed: each call to a source carries its own timeout (<see cref="ReportOptions.SourceTimeout"/>) and a failed source
    /// leaves its section empty, so a report is still made while analytics is slow; a run timeout would make none at all.
    /// </summary>
    protected override JobSchedule Schedule => JobSchedule.Untimed(options.Value.CheckInterval);

    protected override Task RunJobAsync(CancellationToken cancellationToken) => RunDueAsync(cancellationToken);

    protected override void OnFailed(Exception exception) => LogCheckFailed(exception);

    public async Task RunDueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The report check failed; the next check tries again")]
    private partial void LogCheckFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Old reports could not be deleted; the next check tries again")]
    private partial void LogRetentionFailed(Exception exception);
}
