namespace PerfMonitor.Alerting.Reports;

/// <summary>PUT /api/v1/reports/schedules/{kind}: <c>{"receivers":["ops-mail","ops-slack"]}</c>; an empty list sends nothing.</summary>
public sealed record ReportScheduleRequest(List<string>? Receivers);
