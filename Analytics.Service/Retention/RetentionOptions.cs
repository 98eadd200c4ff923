using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Analytics.Retention;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Minute rollups are kept this long; whole day partitions are dropped once entirely older.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Minutes { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Five-minute rollups, kept like the minutes by default; longer keeps 5-30 minute steps beyond the minutes at a
    /// fifth of their rows. Never shorter than <see cref="Minutes"/>: those steps read closed hours only from here.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan FiveMinutes { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Hourly rollups are kept this long; whole month partitions are dropped once entirely older.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Hours { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Anomalies, health-score history and late-sample counts (small tables, deleted by row).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Events { get; set; } = TimeSpan.FromDays(90);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
