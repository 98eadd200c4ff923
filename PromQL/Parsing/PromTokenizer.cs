using Superpower;
using Superpower.Parsers;
using Superpower.Tokenizers;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>
/// PromQL's lexer as a Superpower tokenizer. Recognisers are tried in order, so durations (<c>5m</c>) come before
/// numbers and two-character operators before their one-character prefixes. Span.Regex anchors only the first
/// alternative of a pattern, hence every pattern with alternatives sits inside one group.
/// </summary>
internal static class PromTokenizer
{
    public static readonly Tokenizer<PromToken> Instance = new TokenizerBuilder<PromToken>()
        .Ignore(Span.WhiteSpace)
        .Ignore(Span.Regex("#[^\n]*"))
        .Match(Span.Regex("(?:[0-9]+(?:ms|s|m|h|d|w|y))+"), PromToken.Duration, requireDelimiters: true)
        .Match(Span.Regex(@"(?:0[xX][0-9a-fA-F]+|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)"), PromToken.Number, requireDelimiters: true)
        .Match(Span.Regex("[a-zA-Z_][a-zA-Z0-9_:]*"), PromToken.Identifier, requireDelimiters: true)
        .Match(Span.Regex("(?:\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*'|`[^`]*`)"), PromToken.String)
        .Match(Span.EqualTo("=="), PromToken.EqualEqual)
        .Match(Span.EqualTo("!="), PromToken.NotEqual)
        .Match(Span.EqualTo("=~"), PromToken.RegexMatch)
        .Match(Span.EqualTo("!~"), PromToken.RegexNotMatch)
        .Match(Span.EqualTo("<="), PromToken.LessOrEqual)
        .Match(Span.EqualTo(">="), PromToken.GreaterOrEqual)
        .Match(Character.EqualTo('='), PromToken.Assign)
        .Match(Character.EqualTo('<'), PromToken.Less)
        .Match(Character.EqualTo('>'), PromToken.Greater)
        .Match(Character.EqualTo('('), PromToken.LeftParen)
        .Match(Character.EqualTo(')'), PromToken.RightParen)
        .Match(Character.EqualTo('{'), PromToken.LeftBrace)
        .Match(Character.EqualTo('}'), PromToken.RightBrace)
        .Match(Character.EqualTo('['), PromToken.LeftBracket)
        .Match(Character.EqualTo(']'), PromToken.RightBracket)
        .Match(Character.EqualTo(','), PromToken.Comma)
        .Match(Character.EqualTo(':'), PromToken.Colon)
        .Match(Character.EqualTo('@'), PromToken.At)
        .Match(Character.EqualTo('+'), PromToken.Add)
        .Match(Character.EqualTo('-'), PromToken.Sub)
        .Match(Character.EqualTo('*'), PromToken.Mul)
        .Match(Character.EqualTo('/'), PromToken.Div)
        .Match(Character.EqualTo('%'), PromToken.Mod)
        .Match(Character.EqualTo('^'), PromToken.Pow)
        .Build();
}
