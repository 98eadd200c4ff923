using System.Globalization;
using PerfMonitor.PromQL.Parsing;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>Times and durations as Prometheus's HTTP API reads them.</summary>
public static class PromParameters
{
    /// <summary>What Prometheus's own clients send for "since ever" and "until ever" (its minTime and maxTime, formatted).</summary>
    private const string MinTime = "-292273086-05-16T16:47:06Z";
    private const string MaxTime = "292277025-08-18T07:12:54.999999999Z";

    /// <summary>Unix seconds (fractions to the millisecond) or RFC 3339, in Unix milliseconds.</summary>
    public static bool TryParseTime(string text, out long milliseconds)
    {
        milliseconds = 0;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (double.IsNaN(seconds) || double.IsInfinity(seconds) || Math.Abs(seconds) > long.MaxValue / 1000.0)
            {
                return false;
            }
            var whole = Math.Truncate(seconds);
            milliseconds = (long)whole * 1000 + (long)Math.Round((seconds - whole) * 1000);
            return true;
        }
        switch (text)
        {
            case MinTime:
                milliseconds = long.MinValue / 2;
                return true;
            case MaxTime:
                milliseconds = long.MaxValue / 2;
                return true;
        }
        if (text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time))
        {
            milliseconds = time.ToUnixTimeMilliseconds();
            return true;
        }
        return false;
    }

    /// <summary>Seconds as a number (fractions allowed) or a Prometheus duration such as <c>5m</c>, in milliseconds.</summary>
    public static bool TryParseDuration(string text, out long milliseconds)
    {
        milliseconds = 0;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (double.IsNaN(seconds) || Math.Abs(seconds * 1000) >= long.MaxValue)
            {
                return false;
            }
            milliseconds = (long)Math.Round(seconds * 1000);
            return true;
        }
        return PromQLParser.TryParseDuration(text, out milliseconds);
    }
}
