namespace PerfMonitor.Alerting.Delivery;

/// <summary>One HTTP attempt (or a refusal by an open breaker), as the delivery log records it.</summary>
public sealed record DeliveryAttempt(DateTimeOffset At, int? StatusCode, double LatencyMs, string Outcome, string? Error, string BreakerState);
