namespace PerfMonitor.Alerting.Delivery;

/// <summary>Which notifications GET /api/v1/notifications asks for.</summary>
public sealed record NotificationQuery(string? Status, Guid? RuleId, Guid? Id, int Limit);
