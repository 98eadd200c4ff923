namespace PerfMonitor.Analytics.Health;

/// <summary>Status bands, as <see cref="PerfMonitor.Contracts.Health.ScoreBands"/> defines them for every service and the dashboard.</summary>
public static class HealthBands
{
    public static string Status(double score) => PerfMonitor.Contracts.Health.ScoreBands.Of(score);

    /// <summary>100 at or better than good, 0 at or worse than bad, linear between (either direction).</summary>
    public static double Linear(double value, double good, double bad) =>
        100 * Math.Clamp((bad - value) / (bad - good), 0, 1);
}
