namespace PerfMonitor.Alerting.State;

/// <summary>One row of an alert's history as the API shows it: states by their wire names.</summary>
public sealed record AlertTransition(string From, string To, double Value, bool Silenced, DateTimeOffset At);
