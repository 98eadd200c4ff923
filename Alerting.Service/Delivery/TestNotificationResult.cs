namespace PerfMonitor.Alerting.Delivery;

/// <summary>What POST /api/v1/alert-rules/{id}/test answers: the queued notification, where it goes and in which format.</summary>
public sealed record TestNotificationResult(Guid NotificationId, string Url, string Format);
