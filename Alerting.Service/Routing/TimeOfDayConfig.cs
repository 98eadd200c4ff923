namespace PerfMonitor.Alerting.Routing;

/// <summary>From start_time up to (not including) end_time, "HH:MM" in 24-hour time; end_time may be "24:00".</summary>
public sealed class TimeOfDayConfig
{
    public string? StartTime { get; set; }

    public string? EndTime { get; set; }
}
