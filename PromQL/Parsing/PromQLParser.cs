using PerfMonitor.PromQL.Syntax;
using Superpower;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>Parses and type-checks a PromQL expression; every refusal is a <see cref="ParseException"/> (bad_data).</summary>
public static class PromQLParser
{
    public static Expr Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            var tokens = PromTokenizer.Instance.TryTokenize(query);
            if (!tokens.HasValue)
            {
                throw new ParseException(query, tokens.ErrorPosition.Absolute, tokens.FormatErrorMessageFragment());
            }
            if (tokens.Value.IsAtEnd)
            {
                throw new ParseException(query, 0, "no expression found in input");
            }
            var result = ExpressionGrammar.Query.TryParse(tokens.Value);
            if (!result.HasValue)
            {
                var position = result.ErrorPosition.HasValue ? result.ErrorPosition.Absolute : query.Length;
                throw new ParseException(query, position, result.FormatErrorMessageFragment());
            }
            TypeChecker.Check(result.Value);
            return result.Value;
        }
        catch (SyntaxError error)
        {
            throw new ParseException(query, error.Position, error.Message);
        }
        catch (OverflowException)
        {
            throw new ParseException(query, 0, "number or duration out of range");
        }
    }

    /// <summary>A Prometheus duration such as <c>5m</c> or <c>1h30m</c> (units ms, s, m, h, d, w, y, largest first), in milliseconds.</summary>
    public static bool TryParseDuration(string text, out long milliseconds)
    {
        milliseconds = 0;
        if (string.IsNullOrEmpty(text) || !char.IsAsciiDigit(text[0]))
        {
            return false;
        }
        try
        {
            milliseconds = Literals.DurationMs(text, 0);
            return true;
        }
        catch (Exception ex) when (ex is SyntaxError or OverflowException or FormatException or IndexOutOfRangeException)
        {
            return false;
        }
    }
}
