namespace PerfMonitor.Alerting.Reports;

/// <summary>A report in the list: enough to pick one.</summary>
public sealed record ReportSummaryView(Guid Id, string Kind, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateTimeOffset GeneratedAt, string Title);
