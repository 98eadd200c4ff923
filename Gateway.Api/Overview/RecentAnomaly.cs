namespace PerfMonitor.Gateway.Overview;

/// <summary>An anomaly of the last hour (perfmon.v1.AnomalyInfo), in the form GET /api/v1/anomalies gives it.</summary>
public sealed record RecentAnomaly(
    string Id, string SeriesId, string Metric, IReadOnlyDictionary<string, string> Labels, DateTimeOffset? Time,
    string Detector, double Value, double Expected, double Lower, double Upper, double Score, string Severity);
