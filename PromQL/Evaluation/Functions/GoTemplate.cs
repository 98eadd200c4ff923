using System.Text;
using System.Text.RegularExpressions;

namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>
/// Go's regexp Expand, which label_replace uses: <c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c>, <c>$$</c>.
/// Unlike .NET's substitutions, <c>$1x</c> names a group "1x" (empty if absent), as in Prometheus.
/// </summary>
internal static class GoTemplate
{
    public static string Expand(string template, Match match)
    {
        var result = new StringBuilder(template.Length);
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '$' || i == template.Length - 1)
            {
                result.Append(template[i]);
                continue;
            }
            if (template[i + 1] == '$')
            {
                result.Append('$');
                i++;
                continue;
            }
            var braced = template[i + 1] == '{';
            var start = braced ? i + 2 : i + 1;
            var end = start;
            while (end < template.Length && (char.IsAsciiLetterOrDigit(template[end]) || template[end] == '_'))
            {
                end++;
            }
            if (end == start || (braced && (end >= template.Length || template[end] != '}')))
            {
                result.Append('$');
                continue;
            }
            result.Append(GroupValue(match, template[start..end]));
            i = braced ? end : end - 1;
        }
        return result.ToString();
    }

    private static string GroupValue(Match match, string name)
    {
        if (name.All(char.IsAsciiDigit))
        {
            return int.TryParse(name, out var number) && number < match.Groups.Count ? match.Groups[number].Value : "";
        }
        var group = match.Groups[name];
        return group.Success ? group.Value : "";
    }
}
