namespace PerfMonitor.Gateway.Overview;

/// <summary>One state change of an alert (perfmon.v1.AlertTransition).</summary>
public sealed record AlertStep(string From, string To, double Value, bool Silenced, DateTimeOffset? At);
