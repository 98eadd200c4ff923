using PerfMonitor.Alerting.Reports;

namespace PerfMonitor.Alerting.Tests.Reports;

/// <summary>When reports are due, read from cron expressions with Cronos, and which period each covers.</summary>
public sealed class ReportScheduleTests
{
    private static readonly DateTimeOffset Saturday = new(2026, 12, 5, 14, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 6 * * *", "2026-12-06T06:00:00+00:00")]
    [InlineData("0 6 * * 1", "2026-12-07T06:00:00+00:00")]
    [InlineData("*/15 * * * *", "2026-12-05T14:45:00+00:00")]
    [InlineData("30 14 * * 6", "2026-12-12T14:30:00+00:00")]
    public void The_next_run_is_the_next_occurrence_after_now(string cron, string expected)
    {
        var schedule = ReportSchedule.Parse(ReportKind.Daily, cron, TimeZoneInfo.Utc);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), schedule.Next(Saturday));
    }

    [Fact]
    public void A_schedule_in_a_time_zone_runs_at_that_zones_local_time()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var schedule = ReportSchedule.Parse(ReportKind.Daily, "0 6 * * *", berlin);

        // 06:00 in Berlin in winter (UTC+1) is 05:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 5, 0, 0, TimeSpan.Zero), schedule.Next(Saturday)!.Value.ToUniversalTime());
    }

    [Fact]
    public void The_latest_period_runs_from_the_occurrence_before_the_latest_to_the_latest()
    {
        var weekly = ReportSchedule.Parse(ReportKind.Weekly, "0 6 * * 1", TimeZoneInfo.Utc);

        var (start, end) = weekly.LatestPeriod(Saturday)!.Value;

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero), end);
    }

    [Theory]
    [InlineData("0 6 * *", "UTC", "DailySchedule")]
    [InlineData("0 6 * * *", "Mars/Olympus", "TimeZone")]
    [InlineData("0 6 1 * *", "UTC", "DailySchedule")]
    public void A_bad_schedule_or_time_zone_is_refused_at_start_naming_the_setting(string daily, string zone, string setting)
    {
        var result = new ReportOptionsValidator().Validate(null, new ReportOptions { DailySchedule = daily, TimeZone = zone });

        Assert.True(result.Failed);
        Assert.Contains($"Reports:{setting}", result.FailureMessage);
    }
}
