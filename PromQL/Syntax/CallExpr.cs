namespace PerfMonitor.PromQL.Syntax;

/// <summary>A call of a supported function.</summary>
public sealed record CallExpr(int Position, FunctionSignature Function, IReadOnlyList<Expr> Arguments) : Expr(Position)
{
    public override ExprType Type => Function.ReturnType;

    public override IEnumerable<Expr> Children => Arguments;
}
