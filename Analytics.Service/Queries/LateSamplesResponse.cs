namespace PerfMonitor.Analytics.Queries;

/// <summary>Samples that arrived after the allowed lateness: the total since a time and the worst series-minutes.</summary>
public sealed record LateSamplesResponse(DateTimeOffset Since, long Total, IReadOnlyList<LateSampleRow> Rows);

public sealed record LateSampleRow(string SeriesId, string Metric, IReadOnlyDictionary<string, string> Labels, DateTimeOffset Minute, long Count, DateTimeOffset LastSeen);
