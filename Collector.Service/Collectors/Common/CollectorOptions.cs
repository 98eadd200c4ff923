using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Collector.Collectors.Common;

/// <summary>What every built-in collector shares: on unless switched off, and how often it runs.</summary>
public abstract class CollectorOptions
{
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);
}
