using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Slos;

/// <summary>SLO windows as people write them: whole days as "30d" and "1d", anything shorter as rules print durations.</summary>
public static class SloDuration
{
    public static string Format(TimeSpan duration) =>
        duration >= TimeSpan.FromDays(1) && duration.Ticks % TimeSpan.TicksPerDay == 0 ? $"{(int)duration.TotalDays}d" : Duration.Format(duration);
}
