using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Analytics.Rollups;

public sealed class HourlyRollupOptions
{
    public const string Section = "Rollups:Hourly";

    /// <summary>How often closed hours whose minutes changed are rolled up again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hours rolled up per round, oldest first, so a backlog after an outage is worked off in slices.</summary>
    /// <summary>How long one round may take; each hour commits on its own, so a round cut off keeps the hours it finished.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan RunTimeout { get; set; } = TimeSpan.FromMinutes(30);

    [Range(1, 10_000)]
    public int MaxHoursPerRound { get; set; } = 24;

    /// <summary>
    /// work_mem of the job's transaction, so the sort of one hour of minutes by series stays in memory: at 10,000
    /// series it takes 131 MB in memory, and under PostgreSQL's default 4 MB it wrote 60-77 MB of temp files per hour.
    /// </summary>
    [Range(4, 4_096)]
    public int SortMemoryMegabytes { get; set; } = 256;
}
