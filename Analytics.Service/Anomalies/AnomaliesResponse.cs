namespace PerfMonitor.Analytics.Anomalies;

public sealed record AnomaliesResponse(int Count, IReadOnlyList<AnomalyRecord> Anomalies);
