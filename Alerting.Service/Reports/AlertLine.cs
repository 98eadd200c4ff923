namespace PerfMonitor.Alerting.Reports;

/// <summary>A rule's alerts that started firing in the period; times to resolve of those that resolved, in seconds.</summary>
public sealed record AlertLine(string Rule, string Severity, int Fired, int Resolved, double? MeanSecondsToResolve, double? MaxSecondsToResolve);
