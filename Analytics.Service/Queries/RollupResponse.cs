namespace PerfMonitor.Analytics.Queries;

public sealed record RollupResponse(
    string Metric,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset From,
    DateTimeOffset To,
    string Step,
    string Aggregation,
    int Series,
    IReadOnlyList<RollupPoint> Points);
