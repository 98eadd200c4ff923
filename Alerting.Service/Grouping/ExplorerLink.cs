using System.Globalization;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// The dashboard's explorer around an alert: its metric, its series' labels, and the time from a margin before it started
/// to a margin after it ended (or after now, while it fires). The explorer opens at that window (<c>from</c>, <c>to</c>);
/// <c>range</c> is its length in minutes, for a reader that takes only a length back from now.
/// </summary>
public static class ExplorerLink
{
    /// <summary>Labels receivers see that are not the series' own, so the explorer does not filter on them.</summary>
    private static readonly HashSet<string> NotSeriesLabels = new(StringComparer.Ordinal) { "alertname", "severity", "perfmon_rule_id", "metric" };

    /// <summary>Up to this long a window is drawn per minute; longer ones per hour (the explorer's two steps).</summary>
    private static readonly TimeSpan MinuteStepUpTo = TimeSpan.FromHours(6);

    public static string For(GroupMember member, string dashboardUrl, TimeSpan margin, DateTimeOffset now)
    {
        var from = member.StartsAt - margin;
        var to = (member.EndsAt ?? now) + margin;
        var labels = member.Labels.Where(l => !NotSeriesLabels.Contains(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}:{l.Value}");
        var query = new List<(string Name, string Value)>
        {
            ("metric", member.Labels.GetValueOrDefault("metric") ?? ""),
            ("labels", string.Join(",", labels)),
            ("from", Time(from)),
            ("to", Time(to)),
            ("range", Math.Ceiling((to - from).TotalMinutes).ToString(CultureInfo.InvariantCulture)),
            ("step", to - from <= MinuteStepUpTo ? "1m" : "1h"),
        };
        return $"{dashboardUrl.TrimEnd('/')}/#/explorer?{string.Join("&", query.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"))}";
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
