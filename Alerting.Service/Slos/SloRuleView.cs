namespace PerfMonitor.Alerting.Slos;

/// <summary>One generated rule: its id in /api/v1/alert-rules, which alert it is, and its expression.</summary>
public sealed record SloRuleView(Guid Id, string Alert, string Severity, string Expr);
