using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Results;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Aggregations;

/// <summary>
/// Aggregation operators at one step. Groups are keyed by the <c>by</c> labels, or by all labels but the
/// <c>without</c> ones and the metric name; topk and bottomk keep their samples' own labels.
/// </summary>
internal static class Aggregator
{
    public static StepValue Evaluate(Evaluator evaluator, AggregateExpr aggregate, long time)
    {
        var parameter = aggregate.Parameter is null ? null : evaluator.Eval(aggregate.Parameter, time);
        var samples = evaluator.EvalVector(aggregate.Argument, time);
        var numeric = parameter is ScalarValue s ? s.Value : 0;
        if (aggregate.Op is AggregationOp.Topk or AggregationOp.Bottomk)
        {
            if (double.IsNaN(numeric) || numeric >= long.MaxValue || numeric <= long.MinValue)
            {
                throw new PromQLException(PromQLException.Execution, $"Scalar value {numeric} overflows int64");
            }
            if ((long)numeric < 1)
            {
                return new VectorValue([]);
            }
        }
        var valueLabel = (parameter as StringValue)?.Value;
        if (valueLabel is not null && !IsLabelName(valueLabel))
        {
            throw new PromQLException(PromQLException.Execution, $"invalid label name \"{valueLabel}\"");
        }
        // Group slots are found once per input label set and node, not per step; count_values keys on the value too.
        var slots = valueLabel is null ? evaluator.Labels.GroupsOf(aggregate) : new GroupSlots();
        var groups = new List<GroupState?>();
        var order = new List<int>();
        foreach (var sample in samples)
        {
            var slot = valueLabel is null
                ? slots.SlotOf(sample.Labels, aggregate, static (labels, a) => Group(labels, a, a.Grouping))
                : slots.SlotOf(ValueKey(aggregate, sample, valueLabel));
            while (groups.Count <= slot)
            {
                groups.Add(null);
            }
            if (groups[slot] is { } group)
            {
                group.Add(sample);
            }
            else
            {
                groups[slot] = new GroupState(aggregate.Op, sample);
                order.Add(slot);
            }
        }
        var result = new List<VectorSample>(order.Count);
        foreach (var slot in order)
        {
            if (aggregate.Op is AggregationOp.Topk or AggregationOp.Bottomk)
            {
                result.AddRange(Select(groups[slot]!.Members!, (long)numeric, aggregate.Op == AggregationOp.Topk));
            }
            else
            {
                result.Add(new VectorSample(slots.Key(slot), groups[slot]!.Result(numeric)));
            }
        }
        return new VectorValue(result);
    }

    private static LabelSet ValueKey(AggregateExpr aggregate, VectorSample sample, string valueLabel)
    {
        var labels = sample.Labels.With(valueLabel, SampleValues.Format(sample.Value));
        return Group(labels, aggregate, aggregate.Without ? aggregate.Grouping : [.. aggregate.Grouping, valueLabel]);
    }

    /// <summary>A sample's group key: its <c>by</c> labels, or all but the <c>without</c> ones and the metric name.</summary>
    public static LabelSet Group(LabelSet labels, AggregateExpr aggregate, IReadOnlyList<string> grouping) =>
        aggregate.Without ? labels.Without([.. grouping, LabelSet.MetricName]) : labels.Keep(grouping.ToHashSet());

    /// <summary>The k largest (or smallest) samples, best first, chosen as Prometheus chooses them (<see cref="SelectionHeap"/>).</summary>
    private static List<VectorSample> Select(List<VectorSample> members, long k, bool largest)
    {
        var heap = new SelectionHeap(k, largest);
        members.ForEach(heap.Add);
        return heap.Best();
    }

    private static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
