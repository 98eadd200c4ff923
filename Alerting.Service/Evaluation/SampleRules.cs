using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// The sample path's <see cref="MetricRuleIndex"/> for the rules as last read: built anew once the rule cache has read
/// the rules again, so an edited rule's matchers and groups apply and the series decisions it remembers start over.
/// </summary>
public sealed class SampleRules(RuleCache rules)
{
    private volatile Indexed indexed = new(RuleSet.Empty, MetricRuleIndex.Empty, []);

    public MetricRuleIndex Current => Latest().Index;

    /// <summary>The enabled threshold or absence rule with this id, as last read; null when there is none.</summary>
    public AlertRule? Enabled(Guid ruleId) => Latest().ById.GetValueOrDefault(ruleId);

    private Indexed Latest()
    {
        var set = rules.Current;
        var last = indexed;
        if (ReferenceEquals(last.Rules, set))
        {
            return last;
        }
        var index = new MetricRuleIndex(set.All);
        var byId = set.Enabled.Where(r => r.Kind is RuleKind.Threshold or RuleKind.Absence).ToDictionary(r => r.Id);
        var fresh = new Indexed(set, index, byId);
        indexed = fresh;
        return fresh;
    }

    private sealed record Indexed(RuleSet Rules, MetricRuleIndex Index, Dictionary<Guid, AlertRule> ById);
}
