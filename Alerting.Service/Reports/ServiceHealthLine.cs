namespace PerfMonitor.Alerting.Reports;

/// <summary>A service's health score now (0-100, status band) and its lowest score during the period.</summary>
public sealed record ServiceHealthLine(string Service, double Score, string Status, double? LowestScore);
