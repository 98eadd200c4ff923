namespace PerfMonitor.Alerting.Rules;

/// <summary>Orders severities, ours and the words anomaly detectors commonly use, so "at or above" can be asked.</summary>
public static class Severity
{
    public static readonly string[] Levels = ["info", "warning", "error", "critical"];

    public static int Rank(string? severity) => severity?.ToLowerInvariant() switch
    {
        "info" or "low" => 0,
        "warning" or "medium" or "minor" => 1,
        "error" or "high" or "major" => 2,
        "critical" or "severe" => 3,
        _ => -1,
    };
}
