namespace PerfMonitor.Alerting.Escalation;

/// <summary>An escalation whose receiver has not yet been told that the firing ended.</summary>
public sealed record OpenEscalation(Guid RuleId, long SeriesId, DateTimeOffset FiredAt, string RouteKey, string Receiver);
