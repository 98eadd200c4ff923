namespace PerfMonitor.Alerting.Reports;

/// <summary>A kept report: its numbers and both renderings, as generated.</summary>
public sealed record StoredReport(Guid Id, Report Report, string Html, string SlackJson);
