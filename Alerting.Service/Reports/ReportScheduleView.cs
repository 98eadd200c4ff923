namespace PerfMonitor.Alerting.Reports;

/// <summary>A kind of report: its cron and time zone (configuration), when it next runs, and the receivers it goes to.</summary>
public sealed record ReportScheduleView(string Kind, string Cron, string TimeZone, DateTimeOffset? NextRun, IReadOnlyList<string> Receivers);
