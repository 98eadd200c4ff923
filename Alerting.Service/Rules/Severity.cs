namespace PerfMonitor.Alerting.Rules;

/// <summary>A rule's severity, lowest first, so "at or above" is a comparison.</summary>
public enum Severity
{
    Info,
    Warning,
    Error,
    Critical,
}
