namespace PerfMonitor.Analytics.Health;

/// <summary>Status bands: excellent at least 80, good 60-79, fair 40-59, poor below 40.</summary>
public static class HealthBands
{
    public static string Status(double score) => score switch
    {
        >= 80 => "excellent",
        >= 60 => "good",
        >= 40 => "fair",
        _ => "poor",
    };

    /// <summary>100 at or better than good, 0 at or worse than bad, linear between (either direction).</summary>
    public static double Linear(double value, double good, double bad) =>
        100 * Math.Clamp((bad - value) / (bad - good), 0, 1);
}
