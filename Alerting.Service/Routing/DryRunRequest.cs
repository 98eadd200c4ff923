namespace PerfMonitor.Alerting.Routing;

/// <summary>POST /api/v1/routing/dry-run: the labels of an imagined alert (alertname and severity among them, as routes see them).</summary>
public sealed record DryRunRequest(Dictionary<string, string>? Labels);
