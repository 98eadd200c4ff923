using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Alerting.Routing;

/// <summary>Defaults for routes that leave a timing out, and how often grouped notifications are looked at (section Alerting:Routing).</summary>
public sealed class RoutingOptions
{
    public const string Section = "Alerting:Routing";

    /// <summary>Alertmanager's default: a new group waits this long for its siblings before its first notification.</summary>
    public TimeSpan GroupWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The group wait of a group whose first alert is critical when its route sets none: our latency promise, sent at once.</summary>
    public TimeSpan CriticalGroupWait { get; set; } = TimeSpan.Zero;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan GroupInterval { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often the group dispatcher looks for groups that came due when nothing woke it; also how soon another replica's routing change is seen.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a resolved alert is still read to report it resolved in its group; longer than any group interval.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ResolvedLookback { get; set; } = TimeSpan.FromDays(1);
}
