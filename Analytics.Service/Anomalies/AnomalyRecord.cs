namespace PerfMonitor.Analytics.Anomalies;

/// <summary>A stored anomaly, as GET /api/v1/anomalies returns it.</summary>
public sealed record AnomalyRecord(
    Guid Id, string SeriesId, string Metric, IReadOnlyDictionary<string, string> Labels, DateTimeOffset Time,
    string Detector, double Value, double Expected, double Lower, double Upper, double Score, string Severity);
