using System.Text.RegularExpressions;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Rules;

/// <summary>Checks a rule request field by field; every refusal names its field.</summary>
public sealed partial class RuleValidator(WebhookTargetGuard webhooks)
{
    public const string Ratio = "ratio";

    private static readonly string[] Aggregations = ["avg", "min", "max", "sum", "count", "p50", "p95", "p99", "rate", Ratio];
    private static readonly string[] Conditions = ["greater_than", "less_than", "equals", "not_equals", "greater_or_equal", "less_or_equal"];
    public static readonly string[] Formats = ["json", "slack", "alertmanager", "alertmanager_api"];

    public async Task<(AlertRule? Rule, Dictionary<string, string[]> Errors)> ValidateAsync(Guid id, AlertRuleRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string reason) => errors[field] = [reason];
        string OneOf(string field, string? value, string[] allowed, string? fallback)
        {
            var chosen = value ?? fallback;
            if (chosen is null || !allowed.Contains(chosen))
            {
                Fail(field, $"must be one of {string.Join(", ", allowed)}");
            }
            return chosen ?? "";
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
        var kind = OneOf("kind", request.Kind, RuleKinds.All, RuleKinds.Threshold);
        // Event-driven kinds have natural defaults: health scores arrive per service, anomalies for any metric.
        var metric = request.Metric ?? kind switch { RuleKinds.Health => "health_score", RuleKinds.Anomaly => "*", _ => null };
        if (string.IsNullOrWhiteSpace(metric))
        {
            Fail("metric", "is required");
        }
        var aggregation = OneOf("aggregation", request.Aggregation, Aggregations, "avg");
        var needsComparison = kind is RuleKinds.Threshold or RuleKinds.Health;
        var condition = OneOf("condition", request.Condition, Conditions, needsComparison ? null : "greater_or_equal");
        var severity = OneOf("severity", request.Severity, Severity.Levels, "warning");
        var minSeverity = OneOf("minSeverity", request.MinSeverity, Severity.Levels, "warning");
        var format = OneOf("format", request.Format, Formats, "json");
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
        if (aggregation == Ratio && kind != RuleKinds.Threshold)
        {
            Fail("aggregation", "ratio is only for threshold rules");
        }
        if (aggregation == Ratio && request.Numerator is not { Count: > 0 })
        {
            Fail("numerator", "is required with aggregation ratio: the matchers that select the samples counted above the line (e.g. status =~ \"5..\")");
        }
        else if (aggregation != Ratio && request.Numerator is { Count: > 0 })
        {
            Fail("numerator", "is only used with aggregation ratio");
        }
        CheckGroupBy(groupBy, kind, aggregation, Fail);
        if (!string.IsNullOrEmpty(request.WebhookUrl) && await webhooks.CheckAsync(request.WebhookUrl, cancellationToken) is { } webhookError)
        {
            Fail("webhookUrl", webhookError);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new AlertRule(id, request.Name!.Trim(), kind, metric!, request.Labels ?? [], aggregation, window, condition, threshold,
            pending, severity, request.CooldownMinutes ?? 0, request.WebhookUrl ?? "", format, request.Enabled ?? true)
        {
            Matchers = matchers,
            RecoveryThreshold = request.RecoveryThreshold,
            KeepFiringFor = keepFiringFor,
            RepeatInterval = repeatInterval,
            Secret = request.Secret,
            MinSeverity = minSeverity,
            GroupBy = groupBy,
            Numerator = numerator,
        }, errors);
    }

    /// <summary>
    /// groupBy: label names, each once, on threshold rules only. A ratio needs groups: a series either matches the numerator
    /// or not, so a per-series ratio is always 0 or 100.
    /// </summary>
    private static void CheckGroupBy(List<string> groupBy, string kind, string aggregation, Action<string, string> fail)
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
        if (groupBy.Count > 0 && kind != RuleKinds.Threshold)
        {
            fail("groupBy", "only threshold rules aggregate across series");
        }
        else if (groupBy.Count == 0 && aggregation == Ratio)
        {
            fail("groupBy", "is required with aggregation ratio: a single series either matches the numerator or not, so its ratio is always 0 or 100");
        }
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    private static bool IsOnRecoverySide(string condition, double threshold, double recovery) => condition switch
    {
        "greater_than" or "greater_or_equal" => recovery <= threshold,
        "less_than" or "less_or_equal" => recovery >= threshold,
        _ => true,
    };
}
