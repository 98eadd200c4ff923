namespace PerfMonitor.Alerting.Routing;

/// <summary>What the dry run answers: the receivers in the order the routes reach them, and each route.</summary>
public sealed record DryRunResult(IReadOnlyList<string> Receivers, IReadOnlyList<DryRunRoute> Routes);
