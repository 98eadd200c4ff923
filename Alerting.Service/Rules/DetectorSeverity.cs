namespace PerfMonitor.Alerting.Rules;

/// <summary>Reads the severity an anomaly detector reports: ours, or the words detectors commonly use instead.</summary>
public static class DetectorSeverity
{
    public static Severity? Read(string? word) => word?.ToLowerInvariant() switch
    {
        "info" or "low" => Severity.Info,
        "warning" or "medium" or "minor" => Severity.Warning,
        "error" or "high" or "major" => Severity.Error,
        "critical" or "severe" => Severity.Critical,
        _ => null,
    };
}
