namespace PerfMonitor.Alerting.Delivery;

/// <summary>A delivery round of one notification: how it ended, the last status or error, and every attempt made.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, int? StatusCode, string? Error, IReadOnlyList<DeliveryAttempt> Attempts, TimeSpan? RetryAfter = null);
