using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Analytics.Rollups;

public sealed class HourlyRollupOptions
{
    public const string Section = "Rollups:Hourly";

    /// <summary>How often closed hours whose minutes changed are rolled up again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hours rolled up per round, oldest first, so a backlog after an outage is worked off in slices.</summary>
    [Range(1, 10_000)]
    public int MaxHoursPerRound { get; set; } = 24;
}
