namespace PerfMonitor.Alerting.RuleFiles;

/// <summary>
/// One group of a rule file. <c>interval</c> and <c>limit</c> are accepted so a file Prometheus takes is taken here too;
/// expr rules are evaluated every <c>Alerting:ExprEvaluationInterval</c> whatever the group says.
/// </summary>
public sealed class PrometheusRuleGroup
{
    public string Name { get; set; } = "";

    public string? Interval { get; set; }

    public int? Limit { get; set; }

    public List<PrometheusRule> Rules { get; set; } = [];
}
