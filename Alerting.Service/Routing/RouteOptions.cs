namespace PerfMonitor.Alerting.Routing;

/// <summary>A route's options after inheritance; null timings take the service defaults (<see cref="RoutingOptions"/>).</summary>
public sealed record RouteOptions(
    string Receiver,
    IReadOnlySet<string> GroupBy,
    bool GroupByAll,
    TimeSpan? GroupWait,
    TimeSpan? GroupInterval,
    TimeSpan? RepeatInterval,
    IReadOnlyList<string> MuteTimeIntervals,
    IReadOnlyList<string> ActiveTimeIntervals)
{
    /// <summary>Where and when an unacknowledged critical alert escalates; null when the route does not escalate.</summary>
    public EscalationPolicy? Escalation { get; init; }
}
