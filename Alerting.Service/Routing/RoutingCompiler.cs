using PerfMonitor.Alerting.Inhibition;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Routing;

/// <summary>Checks and compiles a whole routing configuration against the receivers that exist; errors by field path.</summary>
public static class RoutingCompiler
{
    public static (RoutingTree? Tree, Dictionary<string, string[]> Errors) Compile(RoutingConfig config, IReadOnlySet<string> receivers)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string reason) => errors[field] = [reason];

        var intervals = new Dictionary<string, IReadOnlyList<TimeRange>>(StringComparer.Ordinal);
        foreach (var (interval, i) in (config.TimeIntervals ?? []).Select((t, i) => (t, i)))
        {
            if (string.IsNullOrWhiteSpace(interval?.Name) || intervals.ContainsKey(interval.Name))
            {
                Fail($"time_intervals[{i}].name", "is required and must be unique");
                continue;
            }
            var ranges = new List<TimeRange>();
            foreach (var (range, j) in (interval.TimeIntervals ?? []).Select((r, j) => (r, j)))
            {
                if (TimeRangeParser.Parse(range ?? new TimeRangeConfig(), $"time_intervals[{i}].time_intervals[{j}]", Fail) is { } parsed)
                {
                    ranges.Add(parsed);
                }
            }
            intervals[interval.Name] = ranges;
        }
        var root = new RouteCompiler(receivers, new HashSet<string>(intervals.Keys, StringComparer.Ordinal), Fail).CompileRoot(config.Route);
        var inhibitRules = new List<InhibitRule>();
        foreach (var (rule, i) in (config.InhibitRules ?? []).Select((r, i) => (r, i)))
        {
            var source = Matchers(rule?.SourceMatchers, $"inhibit_rules[{i}].source_matchers", Fail);
            var target = Matchers(rule?.TargetMatchers, $"inhibit_rules[{i}].target_matchers", Fail);
            var equal = rule?.Equal ?? [];
            foreach (var (name, j) in equal.Select((n, j) => (n, j)).Where(n => !RuleValidator.LabelName().IsMatch(n.n ?? "")))
            {
                Fail($"inhibit_rules[{i}].equal[{j}]", "must be a label name");
            }
            inhibitRules.Add(new InhibitRule(source, target, equal));
        }
        return errors.Count > 0 ? (null, errors) : (new RoutingTree(config, root, inhibitRules, intervals), errors);
    }

    private static List<LabelMatcher> Matchers(List<string>? texts, string field, Action<string, string> fail)
    {
        if (texts is not { Count: > 0 })
        {
            fail(field, "at least one matcher is required");
            return [];
        }
        return MatcherText.ParseAll(texts, field, fail);
    }
}
