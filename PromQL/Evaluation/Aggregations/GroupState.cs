using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Aggregations;

/// <summary>The running state of one group of an aggregation at one step, updated as Prometheus does.</summary>
internal sealed class GroupState(AggregationOp op, VectorSample first)
{
    private double value = op is AggregationOp.Stddev or AggregationOp.Stdvar ? 0 : op == AggregationOp.Group ? 1 : first.Value;
    private double mean = first.Value;
    private long count = 1;

    /// <summary>The group's samples, kept only for topk, bottomk and quantile.</summary>
    public List<VectorSample>? Members { get; } = op is AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.Quantile ? [first] : null;

    public void Add(VectorSample sample)
    {
        var v = sample.Value;
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
            case AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.Quantile:
                Members!.Add(sample);
                break;
        }
    }

    /// <summary>The group's value when the aggregation yields one value per group.</summary>
    public double Result(double parameter) => op switch
    {
        AggregationOp.Avg => mean,
        AggregationOp.Count or AggregationOp.CountValues => count,
        AggregationOp.Stdvar => value / count,
        AggregationOp.Stddev => Math.Sqrt(value / count),
        AggregationOp.Quantile => Functions.Quantiles.OfValues(parameter, Members!.Select(m => m.Value).ToArray()),
        _ => value,
    };
}
