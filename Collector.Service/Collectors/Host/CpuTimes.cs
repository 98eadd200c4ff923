namespace PerfMonitor.Collector.Collectors.Host;

/// <summary>Seconds the CPUs (all together) spent in each mode since boot, from the first line of /proc/stat.</summary>
public sealed record CpuTimes(IReadOnlyDictionary<string, double> SecondsByMode)
{
    /// <summary>Busy share of the time between two readings, in percent; null when no time passed.</summary>
    public double? UsagePercentSince(CpuTimes earlier)
    {
        double Total(CpuTimes t) => t.SecondsByMode.Values.Sum();
        double Idle(CpuTimes t) => t.SecondsByMode.GetValueOrDefault("idle") + t.SecondsByMode.GetValueOrDefault("iowait");
        var total = Total(this) - Total(earlier);
        return total <= 0 ? null : Math.Clamp(100 * (total - (Idle(this) - Idle(earlier))) / total, 0, 100);
    }
}
