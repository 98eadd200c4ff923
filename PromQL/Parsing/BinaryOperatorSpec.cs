using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>A parsed binary operator with its <c>bool</c>, <c>on</c>/<c>ignoring</c> and <c>group_x</c> modifiers.</summary>
internal sealed record BinaryOperatorSpec(BinaryOperator Op, int Position, bool ReturnBool, VectorMatching? Matching)
{
    public Expr Apply(Expr left, Expr right)
    {
        var matching = Matching ?? VectorMatching.Default;
        if (Op.IsSetOperator() && matching.Cardinality == MatchCardinality.OneToOne)
        {
            matching = matching with { Cardinality = MatchCardinality.ManyToMany };
        }
        return new BinaryExpr(Position, Op, left, right, ReturnBool, matching);
    }
}
