namespace PerfMonitor.Alerting.Reports;

/// <summary>Make a report now, over the day or the week that ends now: <c>{"kind":"daily"}</c>.</summary>
public sealed record ReportRequest(string? Kind);
