using PerfMonitor.Alerting.Rules;
using Label = PerfMonitor.Contracts.V1.Label;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// What one rule makes of one series, decided when the series' labels are first decoded and remembered with that
/// decision, so the sample path looks nothing up but this: whether the series matches, which alert instance its samples
/// go to (the series itself, or its group), and whether they count in a ratio's numerator.
/// </summary>
public readonly record struct SeriesMatch(bool Matched, long InstanceId, IReadOnlyDictionary<string, string>? GroupLabels, bool InNumerator)
{
    public static SeriesMatch Of(AlertRule rule, long seriesId, IReadOnlyDictionary<string, string> labels)
    {
        if (!rule.MatchesLabels(labels))
        {
            return default;
        }
        if (!rule.IsGrouped)
        {
            return new(true, seriesId, null, false);
        }
        // A missing label reads as "", as in matchers, so series without it form a group of their own.
        var groupLabels = new Dictionary<string, string>(rule.GroupBy.Count, StringComparer.Ordinal);
        var identity = new List<Label>(rule.GroupBy.Count);
        foreach (var name in rule.GroupBy)
        {
            var value = labels.TryGetValue(name, out var found) ? found : "";
            groupLabels[name] = value;
            identity.Add(new Label { Name = name, Value = value });
        }
        // The group's id is the series id a series of the rule's metric with only the group labels would have: stable
        // across restarts and replicas, so it keys the stored instance like a series id does.
        var groupId = Contracts.SeriesId.ToStorage(Contracts.SeriesId.Compute(rule.Metric, identity));
        return new(true, groupId, groupLabels, rule.MatchesNumerator(labels));
    }
}
