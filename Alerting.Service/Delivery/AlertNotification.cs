namespace PerfMonitor.Alerting.Delivery;

/// <summary>The versioned JSON payload a webhook receives when an alert fires or resolves.</summary>
public sealed record AlertNotification(
    string Version,
    Guid RuleId,
    string RuleName,
    string State,
    string Severity,
    string Metric,
    IReadOnlyDictionary<string, string> Labels,
    double Value,
    string Condition,
    double Threshold,
    DateTimeOffset? ActiveAt,
    DateTimeOffset? FiredAt,
    DateTimeOffset? ResolvedAt,
    string WebhookUrl);
