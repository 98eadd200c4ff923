namespace PerfMonitor.Alerting.Evaluation;

/// <summary>One alert instance as "evaluate now" reports it.</summary>
public sealed record AlertInstanceView(string SeriesId, IReadOnlyDictionary<string, string> Labels, string State, double Value, bool Changed);
