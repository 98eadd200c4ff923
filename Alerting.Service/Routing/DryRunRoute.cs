namespace PerfMonitor.Alerting.Routing;

/// <summary>One route an alert reaches: its receiver, its path of matchers, how it would group and time the alert, and whether a time interval mutes it now.</summary>
public sealed record DryRunRoute(
    string Receiver, string Route, IReadOnlyList<string> GroupBy, IReadOnlyDictionary<string, string> GroupLabels,
    string GroupWait, string GroupInterval, string RepeatInterval, bool MutedNow)
{
    /// <summary>After how long an unacknowledged critical alert escalates (as "15m"); null when the route does not escalate.</summary>
    public string? EscalateAfter { get; init; }

    public string? EscalateTo { get; init; }
}
