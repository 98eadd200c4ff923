namespace PerfMonitor.Alerting.Routing;

/// <summary>A route's escalation: a critical alert still firing unacknowledged <paramref name="After"/> its start also goes to <paramref name="Receiver"/>, once per firing.</summary>
public sealed record EscalationPolicy(TimeSpan After, string Receiver);
