namespace PerfMonitor.Gateway.Overview;

/// <summary>The firing alerts: how many, how many per severity, and the first of them.</summary>
public sealed record ActiveAlerts(int Count, IReadOnlyDictionary<string, int> BySeverity, IReadOnlyList<FiringAlert> Items);
