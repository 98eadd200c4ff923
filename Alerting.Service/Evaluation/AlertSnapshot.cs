namespace PerfMonitor.Alerting.Evaluation;

/// <summary>An alert instance's stored state: what PostgreSQL holds and what a restart rebuilds from. A struct, because the sample path takes one per matching sample.</summary>
public readonly record struct AlertSnapshot(
    AlertState State,
    double Value,
    DateTimeOffset? ActiveAt,
    DateTimeOffset? FiredAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? LastBreachAt,
    DateTimeOffset? LastNotifiedAt,
    bool Silenced,
    long Version);
