namespace PerfMonitor.Analytics.Queries;

public sealed record SeriesResponse(int Count, IReadOnlyList<SeriesInfo> Series);
