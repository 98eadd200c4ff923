namespace PerfMonitor.Alerting.Routing;

/// <summary>
/// One range of a time interval, as Alertmanager writes it: times of day (<c>start_time: "09:00"</c>, <c>end_time:
/// "17:00"</c>), weekdays (<c>monday:friday</c>), days of the month (<c>1:7</c>, <c>-1</c> for the last), months
/// (<c>january:march</c> or numbers) and a location (an IANA zone, UTC by default). A field left out matches always.
/// </summary>
public sealed class TimeRangeConfig
{
    public List<TimeOfDayConfig>? Times { get; set; }

    public List<string>? Weekdays { get; set; }

    public List<string>? DaysOfMonth { get; set; }

    public List<string>? Months { get; set; }

    public string? Location { get; set; }
}
