using System.Globalization;

namespace PerfMonitor.LoadGen.RemoteWrite.Targets;

/// <summary>Reads one counter from a Prometheus text exposition (a peer's own /metrics), summed over its label sets.</summary>
public static class MetricsText
{
    public static double Sum(string exposition, string metric)
    {
        double total = 0;
        foreach (var rawLine in exposition.AsSpan().EnumerateLines())
        {
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#' || !line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length)
            {
                continue;
            }
            var rest = line[metric.Length..];
            if (rest[0] == '{')
            {
                rest = rest[(EndOfLabels(rest) + 1)..];
            }
            else if (rest[0] != ' ')
            {
                // A longer name that starts with this one (e.g. name_created).
                continue;
            }
            rest = rest.TrimStart();
            var end = rest.IndexOf(' ');
            total += double.Parse(end < 0 ? rest : rest[..end], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return total;
    }

    /// <summary>The index of the brace that closes the label set; label values may hold braces and escaped quotes.</summary>
    private static int EndOfLabels(ReadOnlySpan<char> text)
    {
        var quoted = false;
        for (var i = 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case '}' when !quoted:
                    return i;
            }
        }
        throw new FormatException($"Unclosed label set in '{text}'.");
    }
}
