using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Alerting.Reports;

public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Cron (five fields, Cronos' standard format) of the daily report: 06:00 every day.</summary>
    [Required]
    public string DailySchedule { get; set; } = "0 6 * * *";

    /// <summary>Cron of the weekly report: 06:00 every Monday.</summary>
    [Required]
    public string WeeklySchedule { get; set; } = "0 6 * * 1";

    /// <summary>The IANA or Windows time zone the schedules are read in.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>How often the scheduler looks for a report that is due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Reports older than this are deleted.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>The request-duration metric (one sample per request, with service, route, method and status labels) the traffic and route sections read.</summary>
    [Required, RegularExpression("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    public string RequestMetric { get; set; } = "http_request_duration_ms";

    /// <summary>How many of the slowest routes (by p95) a report lists.</summary>
    [Range(1, 100)]
    public int SlowestRoutes { get; set; } = 10;

    /// <summary>At most this many anomalies are read per report.</summary>
    [Range(1, 10_000)]
    public int MaxAnomalies { get; set; } = 1_000;

    /// <summary>Each call to analytics for a report may take this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SourceTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
