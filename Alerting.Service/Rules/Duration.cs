using PerfMonitor.PromQL.Parsing;

namespace PerfMonitor.Alerting.Rules;

/// <summary>
/// Durations as users write them in rules, in Prometheus's syntax (PromQL's own parser reads them): whole numbers with a
/// unit, y, w, d, h, m, s or ms, one or several ("30s", "5m", "1h30m"). Rules keep whole seconds, so a duration with a
/// fraction of a second is refused.
/// </summary>
public static class Duration
{
    private const long MillisecondsPerSecond = 1_000;

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || !PromQLParser.TryParseDuration(text, out var milliseconds)
            || milliseconds % MillisecondsPerSecond != 0 || milliseconds / MillisecondsPerSecond > int.MaxValue)
        {
            return false;
        }
        duration = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalSeconds % 3600 == 0 && duration > TimeSpan.Zero ? $"{(int)duration.TotalHours}h"
        : duration.TotalSeconds % 60 == 0 && duration > TimeSpan.Zero ? $"{(int)duration.TotalMinutes}m"
        : $"{(int)duration.TotalSeconds}s";
}
