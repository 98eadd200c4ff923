namespace PerfMonitor.Alerting.Evaluation;

/// <summary>One alert instance as stored: which rule and series (or group) it belongs to, its labels and its state.</summary>
public sealed record StoredAlert(Guid RuleId, long SeriesId, IReadOnlyDictionary<string, string> Labels, AlertSnapshot Snapshot);
