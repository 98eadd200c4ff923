using PerfMonitor.Alerting.Inhibition;

namespace PerfMonitor.Alerting.Routing;

/// <summary>The compiled routing configuration: the route tree, the inhibit rules and the named time intervals. <see cref="Empty"/> routes nothing.</summary>
public sealed class RoutingTree(RoutingConfig config, Route? root, IReadOnlyList<InhibitRule> inhibitRules, IReadOnlyDictionary<string, IReadOnlyList<TimeRange>> intervals)
{
    public static RoutingTree Empty { get; } = new(new RoutingConfig(), null, [], new Dictionary<string, IReadOnlyList<TimeRange>>());

    public RoutingConfig Config => config;

    public Route? Root => root;

    public IReadOnlyList<InhibitRule> InhibitRules => inhibitRules;

    /// <summary>The routes an alert with these labels reaches; none while no tree is configured.</summary>
    public IReadOnlyList<Route> Match(IReadOnlyDictionary<string, string> labels) => root?.Match(labels) ?? [];

    /// <summary>Whether the route sends nothing now: inside one of its mute intervals, or outside all of its active ones.</summary>
    public bool IsMuted(Route route, DateTimeOffset now) =>
        route.Options.MuteTimeIntervals.Any(name => Holds(name, now))
        || (route.Options.ActiveTimeIntervals.Count > 0 && !route.Options.ActiveTimeIntervals.Any(name => Holds(name, now)));

    private bool Holds(string name, DateTimeOffset now) => intervals.TryGetValue(name, out var ranges) && ranges.Any(r => r.Contains(now));
}
