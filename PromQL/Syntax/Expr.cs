namespace PerfMonitor.PromQL.Syntax;

/// <summary>A node of a parsed PromQL expression; <see cref="Position"/> is its character offset in the query.</summary>
public abstract record Expr(int Position)
{
    public abstract ExprType Type { get; }

    /// <summary>The expression's direct children, for walks over the tree.</summary>
    public abstract IEnumerable<Expr> Children { get; }

    public sealed override string ToString() => ExprPrinter.Print(this);
}

public sealed record NumberLiteral(int Position, double Value) : Expr(Position)
{
    public override ExprType Type => ExprType.Scalar;

    public override IEnumerable<Expr> Children => [];
}

public sealed record StringLiteral(int Position, string Value) : Expr(Position)
{
    public override ExprType Type => ExprType.String;

    public override IEnumerable<Expr> Children => [];
}

public sealed record ParenExpr(int Position, Expr Inner) : Expr(Position)
{
    public override ExprType Type => Inner.Type;

    public override IEnumerable<Expr> Children => [Inner];
}

/// <summary>Unary minus (plus is folded away by the parser, as Prometheus does).</summary>
public sealed record NegateExpr(int Position, Expr Operand) : Expr(Position)
{
    public override ExprType Type => Operand.Type;

    public override IEnumerable<Expr> Children => [Operand];
}
