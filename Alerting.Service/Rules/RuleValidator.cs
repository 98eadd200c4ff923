using System.Text.RegularExpressions;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Rules;

/// <summary>
/// Checks a rule request field by field; every refusal names its field. This is the API's edge: the closed sets (kind,
/// aggregation, condition, severity, format) are read here from their wire names, once, into enums.
/// </summary>
public sealed partial class RuleValidator(WebhookTargetGuard webhooks)
{
    public async Task<(AlertRule? Rule, Dictionary<string, string[]> Errors)> ValidateAsync(Guid id, AlertRuleRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string reason) => errors[field] = [reason];
        // Null when the value is not one of the names: the checks below then treat it as matching none of their cases.
        TEnum? OneOf<TEnum>(string field, string? value, TEnum? fallback)
            where TEnum : struct, Enum
        {
            if (value is null && fallback is not null)
            {
                return fallback;
            }
            if (WireName<TEnum>.TryParse(value, out var parsed))
            {
                return parsed;
            }
            Fail(field, $"must be one of {string.Join(", ", WireName<TEnum>.All)}");
            return null;
        }
        TimeSpan DurationOf(string field, string? text, string fallback, bool positive)
        {
            if (!Duration.TryParse(text ?? fallback, out var parsed) || (positive && parsed <= TimeSpan.Zero))
            {
                Fail(field, positive ? "must be a positive duration such as 30s, 5m or 1h" : "must be a duration such as 0s, 30s or 5m");
            }
            return parsed;
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            Fail("name", "is required");
        }
        var kind = OneOf<RuleKind>("kind", request.Kind, RuleKind.Threshold);
        // Event-driven kinds have natural defaults: health scores arrive per service, anomalies for any metric.
        var metric = request.Metric ?? kind switch { RuleKind.Health => "health_score", RuleKind.Anomaly => "*", RuleKind.Expr => "", _ => null };
        if (string.IsNullOrWhiteSpace(metric) && kind != RuleKind.Expr)
        {
            Fail("metric", "is required");
        }
        var aggregation = OneOf<RuleAggregation>("aggregation", request.Aggregation, RuleAggregation.Avg);
        var needsComparison = kind is RuleKind.Threshold or RuleKind.Health;
        var condition = OneOf<RuleCondition>("condition", request.Condition, needsComparison ? null : RuleCondition.GreaterOrEqual);
        var severity = OneOf<Severity>("severity", request.Severity, Severity.Warning);
        var minSeverity = OneOf<Severity>("minSeverity", request.MinSeverity, Severity.Warning);
        var format = OneOf<PayloadFormat>("format", request.Format, PayloadFormat.Json);
        var window = DurationOf("window", request.Window, "1m", positive: true);
        var pending = DurationOf("for", request.For, "0s", positive: false);
        var keepFiringFor = DurationOf("keepFiringFor", request.KeepFiringFor, "0s", positive: false);
        var repeatInterval = DurationOf("repeatInterval", request.RepeatInterval, "0s", positive: false);
        var threshold = request.Threshold ?? (needsComparison ? double.NaN : 0);
        if (!double.IsFinite(threshold))
        {
            Fail("threshold", "is required and must be a finite number");
        }
        if (request.RecoveryThreshold is { } recovery && (!double.IsFinite(recovery) || !IsOnRecoverySide(condition, threshold, recovery)))
        {
            Fail("recoveryThreshold", "must be a finite number on the healthy side of the threshold (below it for greater_* conditions, above it for less_*)");
        }
        if (request.CooldownMinutes is < 0)
        {
            Fail("cooldownMinutes", "must not be negative");
        }
        List<LabelMatcher> MatchersOf(string field, List<LabelMatcherRequest>? requested)
        {
            var parsed = new List<LabelMatcher>();
            foreach (var (matcher, index) in (requested ?? []).Select((m, i) => (m, i)))
            {
                if (LabelMatcher.Check(matcher.Name, matcher.Op, matcher.Value) is { } reason)
                {
                    Fail($"{field}[{index}]", reason);
                    continue;
                }
                parsed.Add(new LabelMatcher(matcher.Name!, matcher.Op!, matcher.Value!));
            }
            return parsed;
        }
        var matchers = MatchersOf("matchers", request.Matchers);
        var numerator = MatchersOf("numerator", request.Numerator);
        var groupBy = request.GroupBy ?? [];
        var ratio = aggregation == RuleAggregation.Ratio;
        if (ratio && kind != RuleKind.Threshold)
        {
            Fail("aggregation", "ratio is only for threshold rules");
        }
        if (ratio && request.Numerator is not { Count: > 0 })
        {
            Fail("numerator", "is required with aggregation ratio: the matchers that select the samples counted above the line (e.g. status =~ \"5..\")");
        }
        else if (!ratio && request.Numerator is { Count: > 0 })
        {
            Fail("numerator", "is only used with aggregation ratio");
        }
        CheckGroupBy(groupBy, kind, ratio, Fail);
        var expr = ExprRuleCheck.Check(kind, request, Fail);
        if (!string.IsNullOrEmpty(request.WebhookUrl) && await webhooks.CheckAsync(request.WebhookUrl, cancellationToken) is { } webhookError)
        {
            Fail("webhookUrl", webhookError);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new AlertRule(id, request.Name!.Trim(), kind!.Value, metric!, request.Labels ?? [], aggregation!.Value, window, condition!.Value, threshold,
            pending, severity!.Value, request.CooldownMinutes ?? 0, request.WebhookUrl ?? "", format!.Value, request.Enabled ?? true)
        {
            Matchers = matchers,
            RecoveryThreshold = request.RecoveryThreshold,
            KeepFiringFor = keepFiringFor,
            RepeatInterval = repeatInterval,
            Secret = request.Secret,
            MinSeverity = minSeverity!.Value,
            GroupBy = groupBy,
            Numerator = numerator,
            Expr = expr,
            Annotations = request.Annotations ?? [],
        }, errors);
    }

    /// <summary>
    /// groupBy: label names, each once, on threshold rules only. A ratio needs groups: a series either matches the numerator
    /// or not, so a per-series ratio is always 0 or 100.
    /// </summary>
    private static void CheckGroupBy(List<string> groupBy, RuleKind? kind, bool ratio, Action<string, string> fail)
    {
        for (var i = 0; i < groupBy.Count; i++)
        {
            if (groupBy[i] is null || !LabelName().IsMatch(groupBy[i]))
            {
                fail($"groupBy[{i}]", "must be a label name matching [a-zA-Z_][a-zA-Z0-9_]*");
            }
            else if (groupBy.IndexOf(groupBy[i]) != i)
            {
                fail($"groupBy[{i}]", "names a label already listed");
            }
        }
        if (groupBy.Count > 0 && kind != RuleKind.Threshold)
        {
            fail("groupBy", "only threshold rules aggregate across series");
        }
        else if (groupBy.Count == 0 && ratio)
        {
            fail("groupBy", "is required with aggregation ratio: a single series either matches the numerator or not, so its ratio is always 0 or 100");
        }
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    internal static partial Regex LabelName();

    private static bool IsOnRecoverySide(RuleCondition? condition, double threshold, double recovery) => condition switch
    {
        RuleCondition.GreaterThan or RuleCondition.GreaterOrEqual => recovery <= threshold,
        RuleCondition.LessThan or RuleCondition.LessOrEqual => recovery >= threshold,
        _ => true,
    };
}
