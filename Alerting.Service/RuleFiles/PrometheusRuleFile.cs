namespace PerfMonitor.Alerting.RuleFiles;

/// <summary>A Prometheus rule file as <c>promtool check rules</c> reads it: <c>groups:</c>, each with its rules.</summary>
public sealed class PrometheusRuleFile
{
    public List<PrometheusRuleGroup> Groups { get; set; } = [];
}
