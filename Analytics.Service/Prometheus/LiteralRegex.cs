using System.Text;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>
/// What a PromQL regular expression says in plain strings, when it says it plainly: the alternatives of
/// <c>api|web</c> (Grafana's multi-value variables), or the literal start of <c>node_.*</c>. Both only narrow a
/// series query in SQL; the full expression is still applied to every candidate, so anything not recognised here is
/// simply not narrowed.
/// </summary>
public static class LiteralRegex
{
    private const string Special = @".^$*+?()[]{}|\";

    /// <summary>The alternatives when the expression is nothing but literals separated by <c>|</c>.</summary>
    public static bool TryAlternatives(string pattern, out List<string> alternatives)
    {
        alternatives = [];
        var current = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && Special.Contains(pattern[i + 1]))
            {
                current.Append(pattern[++i]);
            }
            else if (c == '|')
            {
                alternatives.Add(current.ToString());
                current.Clear();
            }
            else if (Special.Contains(c))
            {
                return false;
            }
            else
            {
                current.Append(c);
            }
        }
        alternatives.Add(current.ToString());
        return true;
    }

    /// <summary>
    /// The literal text every match starts with (empty when none): the characters before the first special one, less
    /// the last when a quantifier makes it optional. An expression with an alternation anywhere has none.
    /// </summary>
    public static string Prefix(string pattern)
    {
        if (pattern.Contains('|'))
        {
            return "";
        }
        var prefix = new StringBuilder();
        foreach (var c in pattern)
        {
            if (Special.Contains(c))
            {
                if (c is '?' or '*' or '{' && prefix.Length > 0)
                {
                    prefix.Length--;
                }
                break;
            }
            prefix.Append(c);
        }
        return prefix.ToString();
    }
}
