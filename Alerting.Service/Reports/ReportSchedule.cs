using Cronos;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// When a report is due, from its cron expression in the configured time zone. A report covers the time from its previous
/// occurrence to the one that made it due, so a daily report at 06:00 covers 06:00 yesterday to 06:00 today.
/// </summary>
public sealed class ReportSchedule(ReportKind kind, CronExpression cron, TimeZoneInfo zone)
{
    /// <summary>No schedule of ours repeats less often than this (a weekly one, with a day to spare for time-zone shifts).</summary>
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(8);

    public ReportKind Kind => kind;

    /// <summary>Null when the text is a valid five-field cron expression, else why not.</summary>
    public static string? Check(string text)
    {
        try
        {
            CronExpression.Parse(text, CronFormat.Standard);
            return null;
        }
        catch (CronFormatException ex)
        {
            return ex.Message;
        }
    }

    public static ReportSchedule Parse(ReportKind kind, string text, TimeZoneInfo zone) => new(kind, CronExpression.Parse(text, CronFormat.Standard), zone);

    public DateTimeOffset? Next(DateTimeOffset after) => cron.GetNextOccurrence(after, zone);

    /// <summary>The latest occurrence at or before <paramref name="now"/> and the one before it: the period a report now covers.</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? LatestPeriod(DateTimeOffset now)
    {
        var occurrences = cron.GetOccurrences(now - 2 * LongestPeriod, now, zone, fromInclusive: true, toInclusive: true).ToList();
        return occurrences.Count >= 2 ? (occurrences[^2], occurrences[^1]) : null;
    }
}
