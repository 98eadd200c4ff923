namespace PerfMonitor.Alerting.Reports;

/// <summary>A service's requests and server errors (5xx) in the period and a week before.</summary>
public sealed record TrafficLine(string Service, double Requests, double PreviousRequests, double? RequestsChangePercent, double Errors, double PreviousErrors);
