using System.Globalization;

namespace PerfMonitor.Alerting.Rules;

/// <summary>Durations as users write them in rules: a whole number and a unit, s, m, h or d ("30s", "5m").</summary>
public static class Duration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2
            || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        TimeSpan? parsed = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
        duration = parsed ?? TimeSpan.Zero;
        return parsed is not null;
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalSeconds % 3600 == 0 && duration > TimeSpan.Zero ? $"{(int)duration.TotalHours}h"
        : duration.TotalSeconds % 60 == 0 && duration > TimeSpan.Zero ? $"{(int)duration.TotalMinutes}m"
        : $"{(int)duration.TotalSeconds}s";
}
