using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Routing;

/// <summary>
/// Builds the routing tree from its configuration the way Alertmanager does: a child starts from its parent's options and
/// overrides what it sets; match, match_re and matchers all become matchers. Every refusal names its field path
/// (<c>route.routes[1].matchers[0]</c>).
/// </summary>
public sealed class RouteCompiler(IReadOnlySet<string> receivers, IReadOnlySet<string> intervals, Action<string, string> fail)
{
    private const string GroupByAll = "...";
    private int counter;

    public Route? CompileRoot(RouteConfig? config)
    {
        if (config is null)
        {
            fail("route", "is required");
            return null;
        }
        if (string.IsNullOrEmpty(config.Receiver))
        {
            fail("route.receiver", "the root route needs a receiver: the default for alerts no child route takes");
        }
        if (config.Match is { Count: > 0 } || config.MatchRe is { Count: > 0 } || config.Matchers is { Count: > 0 })
        {
            fail("route.matchers", "the root route matches every alert and takes no matchers");
        }
        if (config.MuteTimeIntervals is { Count: > 0 } || config.ActiveTimeIntervals is { Count: > 0 })
        {
            fail("route.mute_time_intervals", "the root route cannot be muted or activated by time; set it on a child route");
        }
        return Compile(config, null, "route");
    }

    private Route Compile(RouteConfig config, Route? parent, string path)
    {
        var inherited = parent?.Options ?? new RouteOptions("", new HashSet<string>(), false, null, null, null, [], []);
        var receiver = string.IsNullOrEmpty(config.Receiver) ? inherited.Receiver : config.Receiver;
        if (!string.IsNullOrEmpty(config.Receiver) && !receivers.Contains(config.Receiver))
        {
            fail($"{path}.receiver", $"names no receiver: '{config.Receiver}' (create it under /api/v1/receivers first)");
        }
        var (groupBy, all) = (inherited.GroupBy, inherited.GroupByAll);
        if (config.GroupBy is { } names)
        {
            all = names.Contains(GroupByAll);
            if (all && names.Count > 1)
            {
                fail($"{path}.group_by", "'...' groups by every label and stands alone");
            }
            foreach (var (name, i) in names.Select((n, i) => (n, i)).Where(n => n.n != GroupByAll && !RuleValidator.LabelName().IsMatch(n.n ?? "")))
            {
                fail($"{path}.group_by[{i}]", "must be a label name matching [a-zA-Z_][a-zA-Z0-9_]*");
            }
            groupBy = all ? new HashSet<string>() : new HashSet<string>(names, StringComparer.Ordinal);
        }
        var options = new RouteOptions(
            receiver,
            groupBy,
            all,
            Timing(config.GroupWait, inherited.GroupWait, $"{path}.group_wait", allowZero: true),
            Timing(config.GroupInterval, inherited.GroupInterval, $"{path}.group_interval", allowZero: false),
            Timing(config.RepeatInterval, inherited.RepeatInterval, $"{path}.repeat_interval", allowZero: false),
            Intervals(config.MuteTimeIntervals, $"{path}.mute_time_intervals"),
            Intervals(config.ActiveTimeIntervals, $"{path}.active_time_intervals"))
        {
            Escalation = Escalation(config, receiver, inherited.Escalation, path),
        };
        var route = new Route(parent, Matchers(config, path), options, config.Continue);
        foreach (var (child, i) in (config.Routes ?? []).Select((c, i) => (c, i)))
        {
            if (child is null)
            {
                fail($"{path}.routes[{i}]", "must be a route");
                continue;
            }
            route.Routes.Add(Compile(child, route, $"{path}.routes[{i}]"));
        }
        // Children are numbered before their parent, as Alertmanager numbers them.
        route.Index = counter++;
        return route;
    }

    private List<LabelMatcher> Matchers(RouteConfig config, string path)
    {
        var matchers = new List<LabelMatcher>();
        foreach (var (name, value) in config.Match ?? [])
        {
            Add(LabelMatcher.Check(name, "=", value), name, "=", value, $"{path}.match.{name}");
        }
        foreach (var (name, value) in config.MatchRe ?? [])
        {
            Add(LabelMatcher.Check(name, "=~", value), name, "=~", value, $"{path}.match_re.{name}");
        }
        matchers.AddRange(MatcherText.ParseAll(config.Matchers, $"{path}.matchers", fail));
        return matchers;

        void Add(string? error, string name, string op, string value, string field)
        {
            if (error is not null)
            {
                fail(field, error);
                return;
            }
            matchers.Add(new LabelMatcher(name, op, value));
        }
    }

    private TimeSpan? Timing(string? text, TimeSpan? inherited, string field, bool allowZero)
    {
        if (text is null)
        {
            return inherited;
        }
        if (!Duration.TryParse(text, out var duration) || (!allowZero && duration <= TimeSpan.Zero))
        {
            fail(field, allowZero ? "must be a duration such as 0s, 30s or 5m" : "must be a positive duration such as 30s, 5m or 4h");
            return inherited;
        }
        return duration;
    }

    /// <summary>The route's escalation: its own when it sets escalate_after and escalate_to (both, to another receiver), else its parent's.</summary>
    private EscalationPolicy? Escalation(RouteConfig config, string receiver, EscalationPolicy? inherited, string path)
    {
        if (config.EscalateAfter is null && config.EscalateTo is null)
        {
            return inherited;
        }
        var valid = true;
        if (string.IsNullOrEmpty(config.EscalateTo))
        {
            fail($"{path}.escalate_to", "is required with escalate_after: the receiver an unacknowledged critical alert escalates to");
            valid = false;
        }
        else if (!receivers.Contains(config.EscalateTo))
        {
            fail($"{path}.escalate_to", $"names no receiver: '{config.EscalateTo}' (create it under /api/v1/receivers first)");
            valid = false;
        }
        else if (config.EscalateTo == receiver)
        {
            fail($"{path}.escalate_to", $"is the route's own receiver '{receiver}'; an alert escalates to another one");
            valid = false;
        }
        if (!Duration.TryParse(config.EscalateAfter, out var after) || after <= TimeSpan.Zero)
        {
            fail($"{path}.escalate_after", "is required with escalate_to and must be a positive duration such as 15m or 1h");
            valid = false;
        }
        return valid ? new EscalationPolicy(after, config.EscalateTo!) : inherited;
    }

    private List<string> Intervals(List<string>? names, string field)
    {
        foreach (var (name, i) in (names ?? []).Select((n, i) => (n, i)).Where(n => !intervals.Contains(n.n ?? "")))
        {
            fail($"{field}[{i}]", $"names no time interval: '{name}' (define it under time_intervals)");
        }
        return names ?? [];
    }
}
