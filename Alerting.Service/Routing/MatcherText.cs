using System.Text;
using System.Text.RegularExpressions;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Routing;

/// <summary>
/// Reads one matcher in Prometheus's text form, as Alertmanager's <c>matchers:</c> lists hold them: <c>name="value"</c>,
/// <c>name=~"regex"</c>, <c>name!=value</c>, optionally inside braces; the value may be quoted (with \" and \\ escapes).
/// </summary>
public static partial class MatcherText
{
    /// <summary>The matcher, or null and the reason.</summary>
    public static (LabelMatcher? Matcher, string? Error) Parse(string? text)
    {
        var match = text is null ? Match.Empty : Form().Match(text);
        if (!match.Success)
        {
            return (null, "must be a matcher such as severity=\"critical\" or env=~\"prod.*\" (operators =, !=, =~, !~)");
        }
        var value = match.Groups["quoted"].Success ? Unescape(match.Groups["quoted"].Value) : match.Groups["bare"].Value.Trim();
        var name = match.Groups["name"].Value;
        var op = match.Groups["op"].Value;
        return LabelMatcher.Check(name, op, value) is { } reason ? (null, reason) : (new LabelMatcher(name, op, value), null);
    }

    /// <summary>Reads a list of matchers; each one that cannot be read is refused as <c>field[i]</c> and left out.</summary>
    public static List<LabelMatcher> ParseAll(IEnumerable<string>? texts, string field, Action<string, string> fail)
    {
        var matchers = new List<LabelMatcher>();
        foreach (var (text, i) in (texts ?? []).Select((t, i) => (t, i)))
        {
            var (matcher, error) = Parse(text);
            if (matcher is null)
            {
                fail($"{field}[{i}]", error!);
                continue;
            }
            matchers.Add(matcher);
        }
        return matchers;
    }

    /// <summary>The text form again, value quoted: what GET /api/v1/routing shows.</summary>
    public static string Format(LabelMatcher matcher) => $"{matcher.Name}{matcher.Op}\"{matcher.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    private static string Unescape(string quoted)
    {
        var text = new StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length)
            {
                i++;
                text.Append(quoted[i] == 'n' ? '\n' : quoted[i]);
                continue;
            }
            text.Append(quoted[i]);
        }
        return text.ToString();
    }

    [GeneratedRegex("""^\s*\{?\s*(?<name>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*(?:"(?<quoted>(?:[^"\\]|\\.)*)"|(?<bare>[^"{}]*?))\s*\}?\s*$""")]
    private static partial Regex Form();
}
