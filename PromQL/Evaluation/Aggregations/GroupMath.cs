using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Aggregations;

/// <summary>
/// How an aggregation folds one value into a group's running value, mean and count, as Prometheus does: the same math
/// for a group at one step (<see cref="GroupState"/>) and for a group's column over all steps of a range query.
/// </summary>
internal static class GroupMath
{
    public static (double Value, double Mean, long Count) Start(AggregationOp op, double first) =>
        (op is AggregationOp.Stddev or AggregationOp.Stdvar ? 0 : op == AggregationOp.Group ? 1 : first, first, 1);

    public static void Add(AggregationOp op, ref double value, ref double mean, ref long count, double v)
    {
        count++;
        switch (op)
        {
            case AggregationOp.Sum:
                value += v;
                break;
            case AggregationOp.Avg:
                // Prometheus's incremental mean; an infinite mean stays put unless a NaN or an opposite infinity arrives.
                if (double.IsInfinity(mean) && ((double.IsInfinity(v) && mean > 0 == v > 0) || (!double.IsInfinity(v) && !double.IsNaN(v))))
                {
                    break;
                }
                mean += v / count - mean / count;
                break;
            case AggregationOp.Max:
                value = value < v || double.IsNaN(value) ? v : value;
                break;
            case AggregationOp.Min:
                value = value > v || double.IsNaN(value) ? v : value;
                break;
            case AggregationOp.Stddev or AggregationOp.Stdvar:
                var delta = v - mean;
                mean += delta / count;
                value += delta * (v - mean);
                break;
        }
    }

    /// <summary>The group's value for every operator that yields one value per group and needs no member list.</summary>
    public static double Result(AggregationOp op, double value, double mean, long count) => op switch
    {
        AggregationOp.Avg => mean,
        AggregationOp.Count or AggregationOp.CountValues => count,
        AggregationOp.Stdvar => value / count,
        AggregationOp.Stddev => Math.Sqrt(value / count),
        _ => value,
    };
}
