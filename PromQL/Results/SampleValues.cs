using System.Globalization;

namespace PerfMonitor.PromQL.Results;

/// <summary>
/// Sample values as Prometheus writes them (Go's strconv.FormatFloat(v, 'f', -1, 64)): the shortest decimal that
/// reads back as the same double, never in exponent form; <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.
/// </summary>
public static class SampleValues
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOfAny(['E', 'e']);
        return e < 0 ? shortest : Expand(shortest[..e], int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture));
    }

    public static double Parse(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>Seconds with millisecond precision, as Prometheus's API writes times.</summary>
    public static string FormatTime(long timeMs) =>
        (timeMs / 1000m).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Expand(string mantissa, int exponent)
    {
        var negative = mantissa.StartsWith('-');
        var digits = mantissa.TrimStart('-');
        var point = digits.IndexOf('.');
        var whole = point < 0 ? digits : digits.Remove(point, 1);
        var pointAt = (point < 0 ? digits.Length : point) + exponent;
        string text;
        if (pointAt <= 0)
        {
            text = "0." + new string('0', -pointAt) + whole;
        }
        else if (pointAt >= whole.Length)
        {
            text = whole + new string('0', pointAt - whole.Length);
        }
        else
        {
            text = whole[..pointAt] + "." + whole[pointAt..];
        }
        return negative ? "-" + text : text;
    }
}
