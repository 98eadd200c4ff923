using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Aggregations;

/// <summary>The running state of one group of an aggregation at one step, updated as Prometheus does (<see cref="GroupMath"/>).</summary>
internal sealed class GroupState
{
    private readonly AggregationOp op;
    private double value;
    private double mean;
    private long count;

    public GroupState(AggregationOp op, VectorSample first)
    {
        this.op = op;
        (value, mean, count) = GroupMath.Start(op, first.Value);
        Members = op is AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.Quantile ? [first] : null;
    }

    /// <summary>The group's samples, kept only for topk, bottomk and quantile.</summary>
    public List<VectorSample>? Members { get; }

    public void Add(VectorSample sample)
    {
        if (Members is not null)
        {
            count++;
            Members.Add(sample);
            return;
        }
        GroupMath.Add(op, ref value, ref mean, ref count, sample.Value);
    }

    /// <summary>The group's value when the aggregation yields one value per group.</summary>
    public double Result(double parameter) => op == AggregationOp.Quantile
        ? Functions.Quantiles.OfValues(parameter, Members!.Select(m => m.Value).ToArray())
        : GroupMath.Result(op, value, mean, count);
}
