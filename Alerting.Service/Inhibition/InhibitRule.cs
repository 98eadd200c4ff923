using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Inhibition;

/// <summary>
/// A compiled inhibit rule: a firing alert that matches <see cref="Source"/> mutes every other alert that matches
/// <see cref="Target"/> and has the same value (a missing label counting as empty) of each <see cref="Equal"/> label.
/// </summary>
public sealed record InhibitRule(IReadOnlyList<LabelMatcher> Source, IReadOnlyList<LabelMatcher> Target, IReadOnlyList<string> Equal)
{
    public bool IsSource(IReadOnlyDictionary<string, string> labels) => Source.All(m => m.Matches(labels));

    public bool IsTarget(IReadOnlyDictionary<string, string> labels) => Target.All(m => m.Matches(labels));

    public bool SharesEqualLabels(IReadOnlyDictionary<string, string> source, IReadOnlyDictionary<string, string> target) =>
        Equal.All(name => (source.TryGetValue(name, out var a) ? a : "") == (target.TryGetValue(name, out var b) ? b : ""));
}
