using System.Globalization;
using System.Text;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// Turns OpenTelemetry's dotted names into the data contract's: every character outside [a-zA-Z0-9_:]
/// (labels: [a-zA-Z0-9_]) becomes '_', and a leading digit gets a '_' in front, as Prometheus does.
/// </summary>
public static class MetricNames
{
    public static string Metric(string name) => Sanitize(name, allowColon: true);

    public static string Label(string name) => name == "service.name" ? "service" : Sanitize(name, allowColon: false);

    /// <summary>The shortest text that round-trips, as Prometheus writes `le` and `quantile` values.</summary>
    public static string Number(double value) => double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0)
        {
            return name;
        }
        var builder = new StringBuilder(name.Length + 1);
        if (char.IsAsciiDigit(name[0]))
        {
            builder.Append('_');
        }
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }
        return builder.ToString();
    }
}
