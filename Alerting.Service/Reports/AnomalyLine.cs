namespace PerfMonitor.Alerting.Reports;

/// <summary>The anomalies of one metric of one service in the period.</summary>
public sealed record AnomalyLine(string Service, string Metric, int Count, string HighestSeverity, double HighestScore);
