namespace PerfMonitor.Analytics.Anomalies;

/// <summary>What a detector configuration would have flagged on a series' stored minutes.</summary>
public sealed record BacktestResponse(
    string SeriesId, string Metric, IReadOnlyDictionary<string, string> Labels, DateTimeOffset From, DateTimeOffset To,
    DetectorConfig Config, int Points, int Episodes, IReadOnlyList<Verdict> Anomalies);
