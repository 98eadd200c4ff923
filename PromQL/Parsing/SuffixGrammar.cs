using System.Globalization;
using PerfMonitor.PromQL.Syntax;
using Superpower;
using Superpower.Parsers;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>
/// Range, subquery, <c>offset</c> and <c>@</c> after a primary expression, applied with Prometheus's rules: a range only
/// on a vector selector and before any modifier, each modifier at most once, modifiers only on selectors.
/// Subqueries parse so that the refusal names them.
/// </summary>
internal static class SuffixGrammar
{
    private static readonly TokenListParser<PromToken, Suffix> Bracket =
        from open in Token.EqualTo(PromToken.LeftBracket)
        from range in TokenGrammar.Duration
        from step in Token.EqualTo(PromToken.Colon).IgnoreThen(TokenGrammar.Duration.OptionalOrDefault()).Select(_ => true).OptionalOrDefault()
        from close in Token.EqualTo(PromToken.RightBracket)
        select step ? new SubquerySuffix(open.Position.Absolute) : (Suffix)new RangeSuffix(open.Position.Absolute, range);

    private static readonly TokenListParser<PromToken, Suffix> Offset =
        from keyword in TokenGrammar.Keyword("offset")
        from negative in Token.EqualTo(PromToken.Sub).Value(true).OptionalOrDefault()
        from duration in TokenGrammar.Duration
        select (Suffix)new OffsetSuffix(keyword.Position.Absolute, negative ? -duration : duration);

    private static readonly TokenListParser<PromToken, AtModifier> AtTime =
        (from keyword in TokenGrammar.Keyword("start").Or(TokenGrammar.Keyword("end"))
         from open in Token.EqualTo(PromToken.LeftParen)
         from close in Token.EqualTo(PromToken.RightParen)
         select new AtModifier(keyword.ToStringValue().Equals("start", StringComparison.OrdinalIgnoreCase) ? AtKind.Start : AtKind.End))
        .Or(from sign in Token.EqualTo(PromToken.Sub).Value(-1.0).Or(Token.EqualTo(PromToken.Add).Value(1.0)).OptionalOrDefault(1.0)
            from number in Token.EqualTo(PromToken.Number)
            select Timestamp(sign * double.Parse(number.ToStringValue(), CultureInfo.InvariantCulture), number.Position.Absolute));

    private static readonly TokenListParser<PromToken, Suffix> At =
        from at in Token.EqualTo(PromToken.At)
        from time in AtTime
        select (Suffix)new AtSuffix(at.Position.Absolute, time);

    public static readonly TokenListParser<PromToken, Suffix[]> Suffixes = Bracket.Or(Offset).Or(At).Many();

    public static Expr Apply(Expr primary, Suffix[] suffixes)
    {
        var result = primary;
        foreach (var suffix in suffixes)
        {
            result = suffix switch
            {
                RangeSuffix range => WithRange(result, range),
                SubquerySuffix subquery => throw new SyntaxError(subquery.Position, "subqueries are not supported by PerfMonitor"),
                OffsetSuffix offset => WithOffset(result, offset),
                AtSuffix at => WithAt(result, at),
                _ => throw new InvalidOperationException(suffix.GetType().Name),
            };
        }
        return result;
    }

    private static Expr WithRange(Expr expr, RangeSuffix range)
    {
        if (expr is not VectorSelector selector)
        {
            throw new SyntaxError(range.Position, "ranges only allowed for vector selectors");
        }
        if (selector.OffsetMs != 0 || selector.At is not null)
        {
            throw new SyntaxError(range.Position, "no offset modifiers allowed before range");
        }
        return new MatrixSelector(selector.Position, selector, range.RangeMs);
    }

    private static Expr WithOffset(Expr expr, OffsetSuffix offset)
    {
        var selector = SelectorOf(expr, offset.Position, "offset modifier");
        if (selector.OffsetMs != 0)
        {
            throw new SyntaxError(offset.Position, "offset may not be set multiple times");
        }
        return Replace(expr, selector with { OffsetMs = offset.OffsetMs });
    }

    private static Expr WithAt(Expr expr, AtSuffix at)
    {
        var selector = SelectorOf(expr, at.Position, "@ modifier");
        if (selector.At is not null)
        {
            throw new SyntaxError(at.Position, "@ <timestamp> may not be set multiple times");
        }
        return Replace(expr, selector with { At = at.At });
    }

    private static VectorSelector SelectorOf(Expr expr, int position, string what) => expr switch
    {
        VectorSelector v => v,
        MatrixSelector m => m.Selector,
        _ => throw new SyntaxError(position, $"{what} must be preceded by an instant vector selector or range vector selector or a subquery"),
    };

    private static Expr Replace(Expr expr, VectorSelector selector) =>
        expr is MatrixSelector m ? m with { Selector = selector } : selector;

    private static AtModifier Timestamp(double seconds, int position)
    {
        var ms = Math.Round(seconds * 1000);
        if (double.IsNaN(ms) || double.IsInfinity(ms) || ms > long.MaxValue || ms < long.MinValue)
        {
            throw new SyntaxError(position, $"timestamp out of bounds for @ modifier: {seconds}");
        }
        return new AtModifier(AtKind.Timestamp, (long)ms);
    }
}
