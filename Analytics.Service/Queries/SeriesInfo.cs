namespace PerfMonitor.Analytics.Queries;

/// <summary>A stored series; the id is the unsigned 64-bit series id as a decimal string (JSON numbers lose bits).</summary>
public sealed record SeriesInfo(string Id, string Metric, IReadOnlyDictionary<string, string> Labels, string Kind, string Unit, DateTimeOffset FirstSeen);
