namespace PerfMonitor.Gateway.Overview;

/// <summary>A firing alert (perfmon.v1.Alert), in the form GET /api/v1/alerts gives it.</summary>
public sealed record FiringAlert(
    string RuleId, string RuleName, string Kind, string Severity, string SeriesId, IReadOnlyDictionary<string, string> Labels, string State, double Value,
    DateTimeOffset? ActiveAt, DateTimeOffset? FiredAt, DateTimeOffset? ResolvedAt, DateTimeOffset? LastNotifiedAt, bool Silenced, DateTimeOffset? UpdatedAt,
    IReadOnlyList<AlertStep> History);
