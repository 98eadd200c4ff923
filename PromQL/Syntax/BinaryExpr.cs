namespace PerfMonitor.PromQL.Syntax;

public sealed record BinaryExpr(
    int Position, BinaryOperator Op, Expr Left, Expr Right, bool ReturnBool, VectorMatching Matching) : Expr(Position)
{
    public override ExprType Type =>
        Left.Type == ExprType.Scalar && Right.Type == ExprType.Scalar ? ExprType.Scalar : ExprType.Vector;

    public override IEnumerable<Expr> Children => [Left, Right];

    /// <summary>Whether both sides are vectors, so <see cref="Matching"/> applies.</summary>
    public bool IsVectorMatch => Left.Type == ExprType.Vector && Right.Type == ExprType.Vector;
}
