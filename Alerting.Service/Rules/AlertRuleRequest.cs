namespace PerfMonitor.Alerting.Rules;

/// <summary>The JSON a user sends to create or replace a rule (camelCase, durations like "30s", "5m", "1h").</summary>
public sealed record AlertRuleRequest(
    string? Name,
    string? Kind,
    string? Metric,
    Dictionary<string, string>? Labels,
    string? Aggregation,
    string? Window,
    string? Condition,
    double? Threshold,
    string? For,
    string? Severity,
    int? CooldownMinutes,
    string? WebhookUrl,
    string? Format,
    bool? Enabled,
    List<LabelMatcherRequest>? Matchers = null,
    double? RecoveryThreshold = null,
    string? KeepFiringFor = null,
    string? RepeatInterval = null,
    string? Secret = null,
    string? MinSeverity = null,
    List<string>? GroupBy = null,
    List<LabelMatcherRequest>? Numerator = null,
    string? Expr = null,
    Dictionary<string, string>? Annotations = null);
