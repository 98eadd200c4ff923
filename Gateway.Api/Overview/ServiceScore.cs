namespace PerfMonitor.Gateway.Overview;

/// <summary>One service's health as analytics scores it (perfmon.v1.ServiceHealth).</summary>
public sealed record ServiceScore(string Name, double Score, string Status, IReadOnlyList<ScoreComponent> Components, IReadOnlyList<string> Recommendations);
