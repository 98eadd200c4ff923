using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Reports;

/// <summary>Refuses a schedule that is not a cron expression, or a time zone this machine does not know, at start-up.</summary>
public sealed class ReportOptionsValidator : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        var failures = new List<string>();
        var known = TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out var zone);
        if (!known)
        {
            failures.Add($"{ReportOptions.Section}:{nameof(options.TimeZone)} '{options.TimeZone}' is not a time zone this machine knows");
        }
        foreach (var (setting, text) in new[] { (nameof(options.DailySchedule), options.DailySchedule), (nameof(options.WeeklySchedule), options.WeeklySchedule) })
        {
            if (ReportSchedule.Check(text) is { } reason)
            {
                failures.Add($"{ReportOptions.Section}:{setting} '{text}' is not a cron expression: {reason}");
            }
            else if (known && ReportSchedule.Parse(ReportKind.Daily, text, zone!).LatestPeriod(DateTimeOffset.UtcNow) is null)
            {
                failures.Add($"{ReportOptions.Section}:{setting} '{text}' must run at least every 8 days: a report covers the time between two runs");
            }
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
