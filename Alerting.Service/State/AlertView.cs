namespace PerfMonitor.Alerting.State;

/// <summary>An alert instance as GET /api/v1/alerts returns it, with its latest transitions.</summary>
public sealed record AlertView(
    Guid RuleId, string RuleName, string Kind, string Severity, string SeriesId, IReadOnlyDictionary<string, string> Labels, string State, double Value,
    DateTimeOffset? ActiveAt, DateTimeOffset? FiredAt, DateTimeOffset? ResolvedAt, DateTimeOffset? LastNotifiedAt, bool Silenced, DateTimeOffset UpdatedAt,
    IReadOnlyList<AlertTransition> History)
{
    /// <summary>The alert's id: the fingerprint notifications carry, which POST /api/v1/alerts/{id}/acknowledge takes.</summary>
    public string Id { get; init; } = "";

    /// <summary>The firing alert that inhibits this one ("alertname (fingerprint)"), by the routing configuration's inhibit rules; null when none.</summary>
    public string? InhibitedBy { get; init; }

    /// <summary>Who acknowledged the current (or last) firing; null when nobody did.</summary>
    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? AcknowledgeComment { get; init; }
}
