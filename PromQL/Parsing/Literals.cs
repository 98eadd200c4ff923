using System.Globalization;
using System.Text;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>Conversions of literal tokens to values with Prometheus's (Go's) rules.</summary>
internal static class Literals
{
    private static readonly (string Unit, long Ms)[] Units =
    [
        ("y", 365L * 24 * 3600 * 1000), ("w", 7L * 24 * 3600 * 1000), ("d", 24L * 3600 * 1000), ("h", 3600L * 1000),
        ("m", 60L * 1000), ("s", 1000L), ("ms", 1L),
    ];

    /// <summary>A duration such as <c>1h30m</c>: units from largest to smallest, each at most once.</summary>
    public static long DurationMs(string text, int position)
    {
        long total = 0;
        var lastUnit = -1;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            var amount = long.Parse(text.AsSpan(start, i - start), CultureInfo.InvariantCulture);
            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            var unit = Array.FindIndex(Units, u => u.Unit == text[unitStart..i]);
            if (unit <= lastUnit)
            {
                throw new SyntaxError(position, $"not a valid duration string: \"{text}\"");
            }
            lastUnit = unit;
            total = checked(total + amount * Units[unit].Ms);
        }
        return total;
    }

    /// <summary>A number as Go's ParseInt(s, 0, 64) then ParseFloat read it: hex, octal with a leading 0, decimal.</summary>
    public static double Number(string text, int position)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.Parse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        if (text.Length > 1 && text[0] == '0' && text.All(char.IsAsciiDigit))
        {
            return text.Any(c => c > '7')
                ? throw new SyntaxError(position, $"error parsing number: invalid syntax: {text}")
                : Convert.ToInt64(text, 8);
        }
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The value of a quoted string: double or single quotes with Go's escapes, or backticks verbatim.</summary>
    public static string Unquote(string token, int position)
    {
        var body = token[1..^1];
        if (token[0] == '`')
        {
            return body;
        }
        var text = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                text.Append(body[i]);
                continue;
            }
            var escape = body[++i];
            switch (escape)
            {
                case 'a': text.Append('\a'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'v': text.Append('\v'); break;
                case '\\' or '"' or '\'': text.Append(escape); break;
                case 'x': text.Append((char)Hex(body, ref i, 2, position)); break;
                case 'u': text.Append((char)Hex(body, ref i, 4, position)); break;
                case 'U': text.Append(char.ConvertFromUtf32(Hex(body, ref i, 8, position))); break;
                case >= '0' and <= '7' when i + 2 < body.Length:
                    text.Append((char)Convert.ToInt32(body.Substring(i, 3), 8));
                    i += 2;
                    break;
                default: throw new SyntaxError(position, $"unknown escape sequence U+{(int)escape:X4} '{escape}'");
            }
        }
        return text.ToString();
    }

    private static int Hex(string body, ref int i, int digits, int position)
    {
        if (i + digits >= body.Length)
        {
            throw new SyntaxError(position, "invalid escape sequence in string");
        }
        var value = int.Parse(body.AsSpan(i + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        i += digits;
        return value;
    }
}
