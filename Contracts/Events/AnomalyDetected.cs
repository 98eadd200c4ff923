namespace PerfMonitor.Contracts.Events;

/// <summary>
/// Published on perfmon.events.v1 (JSON, camelCase, Kafka header type=AnomalyDetected, key = series id) when a
/// detector finds a point outside its series' expected band.
/// </summary>
public sealed record AnomalyDetected(
    Guid Id,
    DateTimeOffset Time,
    string SeriesId,
    string Metric,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset PointTime,
    double Value,
    double Expected,
    double Lower,
    double Upper,
    double Score,
    string Severity,
    string Detector);
