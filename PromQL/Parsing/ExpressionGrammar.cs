using PerfMonitor.PromQL.Syntax;
using Superpower;
using Superpower.Parsers;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>Primary expressions and the entry point of the grammar.</summary>
internal static class ExpressionGrammar
{
    public static readonly TokenListParser<PromToken, Expr> Expression = Parse.Ref(() => BinaryGrammar.Or);

    private static readonly TokenListParser<PromToken, Expr> Parenthesized =
        from open in Token.EqualTo(PromToken.LeftParen)
        from inner in Parse.Ref(() => Expression)
        from close in Token.EqualTo(PromToken.RightParen)
        select (Expr)new ParenExpr(open.Position.Absolute, inner);

    private static readonly TokenListParser<PromToken, Expr> Primary =
        TokenGrammar.Number
            .Or(TokenGrammar.String)
            .Or(Parenthesized)
            .Or(AggregationGrammar.Aggregation)
            .Or(CallGrammar.Call)
            .Or(SelectorGrammar.Selector)
            .Named("expression");

    /// <summary>A primary expression with its range, offset and @ suffixes.</summary>
    public static readonly TokenListParser<PromToken, Expr> Postfix =
        from primary in Primary
        from suffixes in SuffixGrammar.Suffixes
        select SuffixGrammar.Apply(primary, suffixes);

    public static readonly TokenListParser<PromToken, Expr> Query = Expression.AtEnd();
}
