using System.Globalization;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>
/// Parses Prometheus' text exposition format (0.0.4): `# TYPE` lines give each family its kind, samples are
/// `name{label="value",...} value [timestamp_ms]` with \\, \" and \n escapes in label values. Histogram and summary
/// samples (_bucket, _sum, _count) take their family's kind. A line that cannot be parsed is reported and skipped,
/// never failing the rest of the scrape.
/// </summary>
public static class ExpositionParser
{
    private static readonly string[] FamilySuffixes = ["_bucket", "_sum", "_count", "_total", "_created", "_gcount", "_gsum"];

    public static ExpositionResult Parse(string text)
    {
        var result = new ExpositionResult();
        var kinds = new Dictionary<string, MetricKind>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.IsEmpty)
            {
                continue;
            }
            if (line[0] == '#')
            {
                ReadComment(line, kinds);
                continue;
            }
            var error = ReadSample(line, kinds, result.Samples);
            if (error is not null)
            {
                result.Errors.Add($"line {lineNumber}: {error}");
            }
        }
        return result;
    }

    private static void ReadComment(ReadOnlySpan<char> line, Dictionary<string, MetricKind> kinds)
    {
        // "# TYPE name kind"; HELP and other comments carry nothing a sample needs.
        var rest = line[1..].TrimStart();
        if (!rest.StartsWith("TYPE ", StringComparison.Ordinal))
        {
            return;
        }
        rest = rest[5..].TrimStart();
        var space = rest.IndexOf(' ');
        if (space <= 0)
        {
            return;
        }
        kinds[rest[..space].ToString()] = rest[(space + 1)..].Trim() switch
        {
            "counter" => MetricKind.Counter,
            "histogram" or "gaugehistogram" => MetricKind.Histogram,
            "summary" => MetricKind.Summary,
            _ => MetricKind.Gauge,
        };
    }

    private static string? ReadSample(ReadOnlySpan<char> line, Dictionary<string, MetricKind> kinds, List<ExposedSample> samples)
    {
        var nameEnd = 0;
        while (nameEnd < line.Length && line[nameEnd] is not ('{' or ' ' or '\t'))
        {
            nameEnd++;
        }
        var name = line[..nameEnd].ToString();
        if (name.Length == 0)
        {
            return "no metric name";
        }
        var labels = new List<Label>();
        var position = nameEnd;
        if (position < line.Length && line[position] == '{')
        {
            var error = ReadLabels(line, ref position, labels);
            if (error is not null)
            {
                return error;
            }
        }

        var fields = line[position..].Trim();
        var split = fields.IndexOfAny(' ', '\t');
        var valueText = split < 0 ? fields : fields[..split];
        if (!TryParseValue(valueText, out var value))
        {
            return $"'{valueText}' is not a number";
        }
        long? timestamp = null;
        if (split >= 0)
        {
            var timestampText = fields[split..].Trim();
            if (!long.TryParse(timestampText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
            {
                return $"'{timestampText}' is not a timestamp in milliseconds";
            }
            timestamp = ms;
        }
        samples.Add(new ExposedSample(name, labels, value, timestamp, KindOf(name, kinds)));
        return null;
    }

    private static string? ReadLabels(ReadOnlySpan<char> line, ref int position, List<Label> labels)
    {
        position++; // '{'
        while (true)
        {
            while (position < line.Length && line[position] is ' ' or ',')
            {
                position++;
            }
            if (position >= line.Length)
            {
                return "unterminated label set";
            }
            if (line[position] == '}')
            {
                position++;
                return null;
            }
            var nameStart = position;
            while (position < line.Length && line[position] is not ('=' or ' '))
            {
                position++;
            }
            var labelName = line[nameStart..position].Trim().ToString();
            while (position < line.Length && line[position] == ' ')
            {
                position++;
            }
            if (position + 1 >= line.Length || line[position] != '=' || line[position + 1] != '"')
            {
                return $"label {labelName} has no quoted value";
            }
            position += 2;
            var value = new System.Text.StringBuilder();
            while (true)
            {
                if (position >= line.Length)
                {
                    return $"label {labelName} has an unterminated value";
                }
                var c = line[position++];
                if (c == '"')
                {
                    break;
                }
                if (c == '\\' && position < line.Length)
                {
                    var escaped = line[position++];
                    value.Append(escaped switch { 'n' => '\n', '\\' => '\\', '"' => '"', _ => escaped });
                    continue;
                }
                value.Append(c);
            }
            labels.Add(new Label { Name = labelName, Value = value.ToString() });
        }
    }

    private static bool TryParseValue(ReadOnlySpan<char> text, out double value)
    {
        switch (text)
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static MetricKind KindOf(string name, Dictionary<string, MetricKind> kinds)
    {
        if (kinds.TryGetValue(name, out var kind))
        {
            return kind;
        }
        foreach (var suffix in FamilySuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && kinds.TryGetValue(name[..^suffix.Length], out kind))
            {
                return kind;
            }
        }
        return MetricKind.Gauge;
    }
}
