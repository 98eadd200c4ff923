using PerfMonitor.PromQL.Model;

namespace PerfMonitor.PromQL.Syntax;

/// <summary>
/// An instant vector selector. A metric name written before the braces is also one of the
/// <see cref="Matchers"/> (an equality on <c>__name__</c>), as in Prometheus.
/// </summary>
public sealed record VectorSelector(
    int Position, string? Name, IReadOnlyList<LabelMatcher> Matchers, long OffsetMs, AtModifier? At) : Expr(Position)
{
    public override ExprType Type => ExprType.Vector;

    public override IEnumerable<Expr> Children => [];
}

/// <summary>A range vector selector: <c>selector[range]</c>; offset and @ belong to the inner selector.</summary>
public sealed record MatrixSelector(int Position, VectorSelector Selector, long RangeMs) : Expr(Position)
{
    public override ExprType Type => ExprType.Matrix;

    public override IEnumerable<Expr> Children => [Selector];
}
