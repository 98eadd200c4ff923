namespace PerfMonitor.Alerting.RuleFiles;

/// <summary>An alerting rule (<c>alert</c>) or a recording rule (<c>record</c>) of a rule file, in Prometheus's field names.</summary>
public sealed class PrometheusRule
{
    public string? Alert { get; set; }

    public string? Record { get; set; }

    public string Expr { get; set; } = "";

    public string? For { get; set; }

    public string? KeepFiringFor { get; set; }

    public Dictionary<string, string> Labels { get; set; } = [];

    public Dictionary<string, string> Annotations { get; set; } = [];
}
