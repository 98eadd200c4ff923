using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Rules;

/// <summary>
/// A rule as the API returns it: the contract's camelCase fields, durations as "30s"/"5m" strings. The secret is
/// write-only: only whether one is set is shown. The webhook URL is a credential: whole for admin callers only.
/// </summary>
public sealed record AlertRuleView(
    Guid Id, string Name, string Kind, string Metric, IReadOnlyDictionary<string, string> Labels, string Aggregation,
    string Window, string Condition, double Threshold, string For, string Severity, int CooldownMinutes,
    string WebhookUrl, string Format, bool Enabled, IReadOnlyList<LabelMatcherRequest> Matchers, double? RecoveryThreshold,
    string KeepFiringFor, string RepeatInterval, string MinSeverity, bool HasSecret, bool Builtin,
    IReadOnlyList<string> GroupBy, IReadOnlyList<LabelMatcherRequest> Numerator, string? Expr, IReadOnlyDictionary<string, string> Annotations)
{
    public static AlertRuleView From(AlertRule rule, bool admin) => new(
        rule.Id, rule.Name, rule.Kind.ToWire(), rule.Metric, rule.Labels, rule.Aggregation.ToWire(), Duration.Format(rule.Window), rule.Condition.ToWire(),
        rule.Threshold, Duration.Format(rule.For), rule.Severity.ToWire(), rule.CooldownMinutes, WebhookUrls.ForCaller(rule.WebhookUrl, admin), rule.Format.ToWire(), rule.Enabled,
        [.. rule.Matchers.Select(m => new LabelMatcherRequest(m.Name, m.Op, m.Value))], rule.RecoveryThreshold,
        Duration.Format(rule.KeepFiringFor), Duration.Format(rule.RepeatInterval), rule.MinSeverity.ToWire(), !string.IsNullOrEmpty(rule.Secret), rule.Builtin,
        rule.GroupBy, [.. rule.Numerator.Select(m => new LabelMatcherRequest(m.Name, m.Op, m.Value))], rule.Expr, rule.Annotations);
}
