using PerfMonitor.PromQL.Evaluation.Aggregations;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Columnar;

/// <summary>
/// An aggregation over all steps: each input series' column is folded into its group's columns (value, mean, count per
/// step) with <see cref="GroupMath"/>, in the input order the step-by-step evaluation uses, so sums come out the same.
/// </summary>
internal static class AggregateColumns
{
    public static bool Supports(AggregationOp op) => op is AggregationOp.Sum or AggregationOp.Avg or AggregationOp.Min or AggregationOp.Max
        or AggregationOp.Count or AggregationOp.Group or AggregationOp.Stddev or AggregationOp.Stdvar;

    public static void Visit(ColumnarEvaluator columns, AggregateExpr aggregate, int steps, ColumnVisitor visitor)
    {
        var slots = new GroupSlots();
        var groups = new List<(double[] Value, double[]? Mean, long[] Count)>();
        var needsMean = aggregate.Op is AggregationOp.Avg or AggregationOp.Stddev or AggregationOp.Stdvar;
        columns.Visit(aggregate.Argument, (labels, values, present) =>
        {
            var slot = slots.SlotOf(labels, aggregate, static (l, a) => Aggregator.Group(l, a, a.Grouping));
            if (slot == groups.Count)
            {
                groups.Add((new double[steps], needsMean ? new double[steps] : null, new long[steps]));
            }
            var (value, mean, count) = groups[slot];
            for (var step = 0; step < steps; step++)
            {
                if (!present[step])
                {
                    continue;
                }
                if (count[step] == 0)
                {
                    (value[step], var m, count[step]) = GroupMath.Start(aggregate.Op, values[step]);
                    mean?[step] = m;
                    continue;
                }
                var unused = 0.0;
                GroupMath.Add(aggregate.Op, ref value[step], ref mean is null ? ref unused : ref mean[step], ref count[step], values[step]);
            }
        });
        var (results, has) = (new double[steps], new bool[steps]);
        for (var slot = 0; slot < groups.Count; slot++)
        {
            var (value, mean, count) = groups[slot];
            for (var step = 0; step < steps; step++)
            {
                has[step] = count[step] > 0;
                results[step] = has[step] ? GroupMath.Result(aggregate.Op, value[step], mean?[step] ?? 0, count[step]) : 0;
            }
            visitor(slots.Key(slot), results, has);
        }
    }
}
