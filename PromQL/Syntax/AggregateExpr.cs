namespace PerfMonitor.PromQL.Syntax;

public enum AggregationOp
{
    Sum,
    Avg,
    Min,
    Max,
    Count,
    Group,
    Stddev,
    Stdvar,
    Topk,
    Bottomk,
    Quantile,
    CountValues,
}

/// <summary>An aggregation such as <c>sum by (job) (x)</c>; <see cref="Parameter"/> for topk, bottomk, quantile, count_values.</summary>
public sealed record AggregateExpr(
    int Position, AggregationOp Op, Expr Argument, Expr? Parameter, IReadOnlyList<string> Grouping, bool Without) : Expr(Position)
{
    public override ExprType Type => ExprType.Vector;

    public override IEnumerable<Expr> Children => Parameter is null ? [Argument] : [Parameter, Argument];
}
