using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Syntax;
using Superpower;
using Superpower.Parsers;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>Vector selectors: <c>name</c>, <c>name{matchers}</c>, <c>{matchers}</c>.</summary>
internal static class SelectorGrammar
{
    private static readonly TokenListParser<PromToken, LabelMatchType> MatchOperator =
        Token.EqualTo(PromToken.Assign).Value(LabelMatchType.Equal)
            .Or(Token.EqualTo(PromToken.NotEqual).Value(LabelMatchType.NotEqual))
            .Or(Token.EqualTo(PromToken.RegexMatch).Value(LabelMatchType.Regex))
            .Or(Token.EqualTo(PromToken.RegexNotMatch).Value(LabelMatchType.NotRegex))
            .Named("label matching operator");

    private static readonly TokenListParser<PromToken, LabelMatcher> Matcher =
        from name in TokenGrammar.LabelName
        from op in MatchOperator
        from value in Token.EqualTo(PromToken.String).Named("string")
        select CreateMatcher(name, op, Literals.Unquote(value.ToStringValue(), value.Position.Absolute), value.Position.Absolute);

    private static readonly TokenListParser<PromToken, LabelMatcher[]> Matchers =
        from open in Token.EqualTo(PromToken.LeftBrace)
        from matchers in Matcher.ManyDelimitedBy(Token.EqualTo(PromToken.Comma), end: Token.EqualTo(PromToken.RightBrace))
        select matchers;

    private static readonly TokenListParser<PromToken, Expr> Named =
        from name in Token.EqualTo(PromToken.Identifier).Where(t => Keywords.CanNameMetric(t.ToStringValue()), "metric name")
        from matchers in Matchers.OptionalOrDefault([])
        select Build(name.Position.Absolute, name.ToStringValue(), matchers);

    private static readonly TokenListParser<PromToken, Expr> Anonymous =
        from start in Token.EqualTo(PromToken.LeftBrace).Lookahead()
        from matchers in Matchers
        select Build(start.Position.Absolute, null, matchers);

    public static readonly TokenListParser<PromToken, Expr> Selector = Named.Or(Anonymous);

    private static Expr Build(int position, string? name, LabelMatcher[] matchers)
    {
        var all = name is null ? matchers : [.. matchers, new LabelMatcher(LabelSet.MetricName, LabelMatchType.Equal, name)];
        if (name is not null && matchers.Any(m => m.Name == LabelSet.MetricName))
        {
            var other = matchers.First(m => m.Name == LabelSet.MetricName);
            throw new SyntaxError(position, $"metric name must not be set twice: \"{name}\" or \"{other.Value}\"");
        }
        if (name is null && all.All(m => m.Matches("")))
        {
            throw new SyntaxError(position, "vector selector must contain at least one non-empty matcher");
        }
        return new VectorSelector(position, name, all, 0, null);
    }

    private static LabelMatcher CreateMatcher(string name, LabelMatchType op, string value, int position)
    {
        try
        {
            return new LabelMatcher(name, op, value);
        }
        catch (ArgumentException e)
        {
            throw new SyntaxError(position, $"error parsing regexp: {e.Message}");
        }
    }

    private static TokenListParser<PromToken, T> Lookahead<T>(this TokenListParser<PromToken, T> parser) =>
        input =>
        {
            var result = parser(input);
            return result.HasValue ? Superpower.Model.TokenListParserResult.Value(result.Value, input, input) : result;
        };
}
