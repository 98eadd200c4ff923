using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfMonitor.Alerting.Notify;

/// <summary>
/// Fills in the parts of Prometheus's annotation templates that rule files use most: <c>{{ $value }}</c> and
/// <c>{{ $labels.name }}</c> (also written <c>{{ .Value }}</c>, <c>{{ .Labels.name }}</c>, with a pipe such as
/// <c>| humanize</c>, which is read as plain formatting). Anything else is left as written.
/// </summary>
public static partial class AnnotationTemplate
{
    public static string Expand(string template, IReadOnlyDictionary<string, string> labels, double value) =>
        template.Contains("{{", StringComparison.Ordinal)
            ? Placeholder().Replace(template, match => match.Groups["label"].Success
                ? labels.TryGetValue(match.Groups["label"].Value, out var label) ? label : ""
                : value.ToString("0.###", CultureInfo.InvariantCulture))
            : template;

    [GeneratedRegex(@"\{\{-?\s*(?:\$value|\.Value|(?:\$labels|\.Labels)\.(?<label>[a-zA-Z_][a-zA-Z0-9_]*))\s*(?:\|\s*[a-zA-Z]+\s*)?-?\}\}")]
    private static partial Regex Placeholder();
}
