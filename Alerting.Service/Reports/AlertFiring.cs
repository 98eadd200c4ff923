namespace PerfMonitor.Alerting.Reports;

/// <summary>One time an alert started firing, from alerting's own history, and when it resolved (null: not yet).</summary>
public sealed record AlertFiring(string Rule, string Severity, DateTimeOffset FiredAt, DateTimeOffset? ResolvedAt);
