using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Routing;

/// <summary>A route's effective timings: its own or inherited, else the service defaults, with no group wait for a critical alert by default.</summary>
public sealed class GroupTimings(IOptions<RoutingOptions> options)
{
    public TimeSpan GroupWait(Route route, IReadOnlyDictionary<string, string> labels) =>
        route.Options.GroupWait ?? (labels.TryGetValue("severity", out var severity) && severity == "critical" ? options.Value.CriticalGroupWait : options.Value.GroupWait);

    public TimeSpan GroupInterval(Route route) => route.Options.GroupInterval ?? options.Value.GroupInterval;

    public TimeSpan RepeatInterval(Route route) => route.Options.RepeatInterval ?? options.Value.RepeatInterval;
}
