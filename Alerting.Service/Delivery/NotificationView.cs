namespace PerfMonitor.Alerting.Delivery;

/// <summary>A notification in the delivery log: where it goes, where it stands, and every attempt made.</summary>
public sealed record NotificationView(
    Guid Id, Guid RuleId, string? SeriesId, string Event, string Url, string Host, string Format, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset? DeadAt, int? LastStatusCode,
    string? LastError, string BreakerState, IReadOnlyList<DeliveryAttempt> Log);
