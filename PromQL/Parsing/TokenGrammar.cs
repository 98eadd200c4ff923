using PerfMonitor.PromQL.Syntax;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>Single-token building blocks shared by the grammar's parts.</summary>
internal static class TokenGrammar
{
    public static TokenListParser<PromToken, Token<PromToken>> Keyword(string word) =>
        Token.EqualToValueIgnoreCase(PromToken.Identifier, word);

    /// <summary>A label name: any identifier without a colon, keywords included (<c>by (on)</c> is valid).</summary>
    public static readonly TokenListParser<PromToken, string> LabelName =
        Token.EqualTo(PromToken.Identifier)
            .Where(t => !t.Span.ToStringValue().Contains(':'), "label name")
            .Select(t => t.ToStringValue())
            .Named("label name");

    public static readonly TokenListParser<PromToken, long> Duration =
        Token.EqualTo(PromToken.Duration).Select(t => Literals.DurationMs(t.ToStringValue(), t.Position.Absolute)).Named("duration");

    /// <summary><c>( a, b, )</c>: a possibly empty list of label names, trailing comma allowed.</summary>
    public static readonly TokenListParser<PromToken, string[]> LabelList =
        from open in Token.EqualTo(PromToken.LeftParen)
        from names in LabelName.ManyDelimitedBy(Token.EqualTo(PromToken.Comma), end: Token.EqualTo(PromToken.RightParen))
        select names;

    /// <summary>A number literal: decimal, hex, octal, or <c>Inf</c>/<c>NaN</c> in any case.</summary>
    public static readonly TokenListParser<PromToken, Expr> Number =
        Token.EqualTo(PromToken.Number)
            .Select(t => (Expr)new NumberLiteral(t.Position.Absolute, Literals.Number(t.ToStringValue(), t.Position.Absolute)))
            .Or(Token.EqualTo(PromToken.Identifier)
                .Where(t => IsInfOrNaN(t.ToStringValue()))
                .Select(t => (Expr)new NumberLiteral(t.Position.Absolute, t.ToStringValue().Equals("nan", StringComparison.OrdinalIgnoreCase) ? double.NaN : double.PositiveInfinity)))
            .Or(Token.EqualTo(PromToken.Duration)
                .Select(t => (Expr)new NumberLiteral(t.Position.Absolute, Literals.DurationMs(t.ToStringValue(), t.Position.Absolute) / 1000.0)));

    public static readonly TokenListParser<PromToken, Expr> String =
        Token.EqualTo(PromToken.String)
            .Select(t => (Expr)new StringLiteral(t.Position.Absolute, Literals.Unquote(t.ToStringValue(), t.Position.Absolute)));

    private static bool IsInfOrNaN(string text) =>
        text.Equals("inf", StringComparison.OrdinalIgnoreCase) || text.Equals("nan", StringComparison.OrdinalIgnoreCase);
}
