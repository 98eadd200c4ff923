using PerfMonitor.PromQL.Syntax;
using Superpower;
using Superpower.Parsers;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>Aggregations with <c>by</c>/<c>without</c> before or after the arguments: <c>sum by (a) (x)</c>, <c>topk(3, x) without (b)</c>.</summary>
internal static class AggregationGrammar
{
    private sealed record Grouping(bool Without, string[] Labels);

    private static readonly TokenListParser<PromToken, Grouping> GroupingClause =
        from keyword in TokenGrammar.Keyword("by").Or(TokenGrammar.Keyword("without"))
        from labels in TokenGrammar.LabelList
        select new Grouping(keyword.ToStringValue().Equals("without", StringComparison.OrdinalIgnoreCase), labels);

    private static readonly TokenListParser<PromToken, Expr[]> Body =
        from open in Token.EqualTo(PromToken.LeftParen)
        from args in CallGrammar.Arguments
        select args;

    public static readonly TokenListParser<PromToken, Expr> Aggregation =
        from op in Token.EqualTo(PromToken.Identifier).Where(t => Keywords.Aggregations.ContainsKey(t.ToStringValue()), "aggregation")
        from before in GroupingClause.Select(g => (Grouping?)g).OptionalOrDefault()
        from args in Body
        from after in before is null ? GroupingClause.Select(g => (Grouping?)g).OptionalOrDefault() : Parse.Return<PromToken, Grouping?>(null)
        select Build(op.Position.Absolute, Keywords.Aggregations[op.ToStringValue()], args, before ?? after);

    private static Expr Build(int position, AggregationOp op, Expr[] args, Grouping? grouping)
    {
        if (args.Length == 0)
        {
            throw new SyntaxError(position, "no arguments for aggregate expression provided");
        }
        var expected = op.TakesParameter() ? 2 : 1;
        if (args.Length != expected)
        {
            throw new SyntaxError(position, $"wrong number of arguments for aggregate expression provided, expected {expected}, got {args.Length}");
        }
        return new AggregateExpr(position, op, args[^1], expected == 2 ? args[0] : null, grouping?.Labels ?? [], grouping?.Without ?? false);
    }
}
