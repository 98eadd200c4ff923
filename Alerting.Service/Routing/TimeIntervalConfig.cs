namespace PerfMonitor.Alerting.Routing;

/// <summary>A named set of time ranges (Alertmanager's time_intervals entry); it holds when any of its ranges holds.</summary>
public sealed class TimeIntervalConfig
{
    public string? Name { get; set; }

    public List<TimeRangeConfig>? TimeIntervals { get; set; }
}
