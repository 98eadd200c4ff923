using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Routing;

/// <summary>
/// A node of the compiled routing tree: its matchers and the options it has after inheriting its parent's (receiver,
/// group_by, the three timings; time intervals are its own, as in Alertmanager). A timing left null takes the service
/// default when the group is formed, so a critical alert can default to no group wait.
/// </summary>
public sealed class Route(Route? parent, IReadOnlyList<LabelMatcher> matchers, RouteOptions options, bool @continue)
{
    public Route? Parent => parent;

    public IReadOnlyList<LabelMatcher> Matchers => matchers;

    public RouteOptions Options => options;

    public bool Continue => @continue;

    /// <summary>Position in a depth-first walk, children before their parent (Alertmanager's Idx): stable as long as the tree is.</summary>
    public int Index { get; internal set; }

    public List<Route> Routes { get; } = [];

    /// <summary>The path of matchers from the root, e.g. <c>{}/{owner="team-A"}/{env="production"}</c>: names the route in group keys.</summary>
    public string Key => (parent is null ? "" : parent.Key + "/") + "{" + string.Join(",", matchers.Select(MatcherText.Format).Order(StringComparer.Ordinal)) + "}";

    /// <summary>
    /// The routes an alert with these labels reaches: the deepest matching routes, siblings tried in order until one matches
    /// without continue; this route itself when it matches and no child does; none when it does not match.
    /// </summary>
    public IReadOnlyList<Route> Match(IReadOnlyDictionary<string, string> labels)
    {
        if (!matchers.All(m => m.Matches(labels)))
        {
            return [];
        }
        var all = new List<Route>();
        foreach (var child in Routes)
        {
            var matched = child.Match(labels);
            all.AddRange(matched);
            if (matched.Count > 0 && !child.Continue)
            {
                break;
            }
        }
        return all.Count == 0 ? [this] : all;
    }

    /// <summary>Every route, parent before its children, in order.</summary>
    public IEnumerable<Route> Walk() => Routes.SelectMany(child => child.Walk()).Prepend(this);

    /// <summary>The labels the alerts of this route are grouped by: the route's group_by, or all of them for <c>...</c>.</summary>
    public SortedDictionary<string, string> GroupLabels(IReadOnlyDictionary<string, string> labels)
    {
        var grouped = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in labels)
        {
            if (options.GroupByAll || options.GroupBy.Contains(name))
            {
                grouped[name] = value;
            }
        }
        return grouped;
    }
}
