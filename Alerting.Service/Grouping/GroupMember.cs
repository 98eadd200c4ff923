namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// One alert as a group notification shows it, and as the group's stored state remembers it: enough to report it resolved
/// after a restart, when its rule may even be gone.
/// </summary>
public sealed record GroupMember(
    string Fingerprint,
    Guid RuleId,
    long SeriesId,
    Dictionary<string, string> Labels,
    Dictionary<string, string> Annotations,
    double Value,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    string GeneratorUrl);
