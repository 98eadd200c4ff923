namespace PerfMonitor.Alerting.Routing;

/// <summary>
/// One node of the routing tree as a user writes it, with Alertmanager's field names (route: receiver, group_by, continue,
/// match, match_re, matchers, group_wait, group_interval, repeat_interval, mute_time_intervals, active_time_intervals,
/// routes), so an Alertmanager route block can be sent as it is, in JSON or YAML; plus escalate_after and escalate_to.
/// </summary>
public sealed class RouteConfig
{
    public string? Receiver { get; set; }

    /// <summary>Label names the alerts of this route are grouped by; <c>...</c> alone groups by every label.</summary>
    public List<string>? GroupBy { get; set; }

    /// <summary>Whether matching goes on to the next sibling after this route matched.</summary>
    public bool Continue { get; set; }

    /// <summary>Alertmanager's older equality matchers, label name to value.</summary>
    public Dictionary<string, string>? Match { get; set; }

    /// <summary>Alertmanager's older regex matchers, label name to regex (anchored).</summary>
    public Dictionary<string, string>? MatchRe { get; set; }

    /// <summary>Matchers in Prometheus's text form: <c>severity="critical"</c>, <c>env=~"prod.*"</c>, <c>{team!="db"}</c>.</summary>
    public List<string>? Matchers { get; set; }

    public string? GroupWait { get; set; }

    public string? GroupInterval { get; set; }

    public string? RepeatInterval { get; set; }

    /// <summary>Names of time intervals during which this route sends nothing (not inherited by child routes).</summary>
    public List<string>? MuteTimeIntervals { get; set; }

    /// <summary>Names of time intervals outside which this route sends nothing (not inherited by child routes).</summary>
    public List<string>? ActiveTimeIntervals { get; set; }

    /// <summary>How long a critical alert of this route may fire unacknowledged before it escalates (inherited by child routes).</summary>
    public string? EscalateAfter { get; set; }

    /// <summary>The receiver an escalated alert goes to, besides the route's own; set together with <see cref="EscalateAfter"/>.</summary>
    public string? EscalateTo { get; set; }

    public List<RouteConfig>? Routes { get; set; }
}
