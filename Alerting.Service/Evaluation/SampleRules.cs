using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// The sample path's <see cref="MetricRuleIndex"/> for the rules as last read: built anew once the rule cache has read
/// the rules again, so an edited rule's matchers and groups apply and the series decisions it remembers start over.
/// </summary>
public sealed class SampleRules(RuleCache rules)
{
    private volatile Indexed indexed = new(RuleSet.Empty, MetricRuleIndex.Empty);

    public MetricRuleIndex Current
    {
        get
        {
            var set = rules.Current;
            var last = indexed;
            if (ReferenceEquals(last.Rules, set))
            {
                return last.Index;
            }
            var fresh = new Indexed(set, new MetricRuleIndex(set.All));
            indexed = fresh;
            return fresh.Index;
        }
    }

    private sealed record Indexed(RuleSet Rules, MetricRuleIndex Index);
}
