namespace PerfMonitor.Alerting.Reports;

/// <summary>A route's p95 request duration in the period and in the same period a week before (null: no requests then).</summary>
public sealed record RouteLine(string Service, string Route, string Method, double P95, double? PreviousP95, double? ChangePercent);
