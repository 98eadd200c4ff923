using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Binary;

/// <summary>The labels two samples must share to match: the <c>on</c> labels, or all but the <c>ignoring</c> ones and the metric name.</summary>
internal static class Signatures
{
    public static LabelSet Of(Evaluator evaluator, VectorMatching matching, LabelSet labels) =>
        evaluator.Labels.Derive(matching, labels, matching, static (l, m) =>
            m.On ? l.Keep(m.MatchingLabels.ToHashSet()) : l.Without([.. m.MatchingLabels, LabelSet.MetricName]));
}
