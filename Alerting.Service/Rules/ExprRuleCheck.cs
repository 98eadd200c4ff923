using PerfMonitor.PromQL;
using PerfMonitor.PromQL.Parsing;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.Alerting.Rules;

/// <summary>
/// The fields of an expr rule: a PromQL expression that must parse and yield an instant vector (or a scalar), as a
/// Prometheus alerting rule's does. Such a rule selects, measures and compares inside its expression, so the fields that
/// do that for threshold rules are refused beside it; its <c>labels</c> are added to each alert, as Prometheus's are.
/// Added label names are label names, and annotations are checked (<see cref="RuleAnnotations"/>), on every kind.
/// </summary>
public static class ExprRuleCheck
{
    /// <summary>The expression as it will be evaluated, or null (not an expr rule, or refused: then it says why).</summary>
    public static string? Check(RuleKind? kind, AlertRuleRequest request, Action<string, string> fail)
    {
        RuleAnnotations.Check(request.Annotations, fail);
        if (kind != RuleKind.Expr)
        {
            if (request.Expr is not null)
            {
                fail("expr", "is only used by kind expr");
            }
            return null;
        }
        foreach (var (field, _) in UnusedFields(request).Where(f => f.Given))
        {
            fail(field, "is not used by expr rules: write it into expr");
        }
        foreach (var name in (request.Labels ?? []).Keys.Where(n => !RuleValidator.LabelName().IsMatch(n)))
        {
            fail($"labels.{name}", "must be a label name matching [a-zA-Z_][a-zA-Z0-9_]*");
        }
        if (string.IsNullOrWhiteSpace(request.Expr))
        {
            fail("expr", "is required with kind expr: a PromQL expression such as rate(http_requests_total{status=~\"5..\"}[5m]) > 1");
            return null;
        }
        try
        {
            var parsed = PromQLParser.Parse(request.Expr);
            if (parsed.Type is not (ExprType.Vector or ExprType.Scalar))
            {
                fail("expr", $"must evaluate to an instant vector or a scalar, not a {parsed.Type.Documented()}");
                return null;
            }
            return request.Expr.Trim();
        }
        catch (PromQLException ex)
        {
            fail("expr", ex.Message);
            return null;
        }
    }

    /// <summary>
    /// The fields that would select or compare outside the expression. Aggregation, window, condition and threshold keep
    /// their defaults as on anomaly rules, so a rule read back and sent again as it was is still accepted.
    /// </summary>
    private static IEnumerable<(string Field, bool Given)> UnusedFields(AlertRuleRequest request) =>
    [
        ("metric", !string.IsNullOrEmpty(request.Metric)),
        ("recoveryThreshold", request.RecoveryThreshold is not null),
        ("matchers", request.Matchers is { Count: > 0 }),
        ("groupBy", request.GroupBy is { Count: > 0 }),
        ("numerator", request.Numerator is { Count: > 0 }),
    ];
}
