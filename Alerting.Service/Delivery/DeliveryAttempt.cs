namespace PerfMonitor.Alerting.Delivery;

/// <summary>One HTTP attempt (or a refusal by an open breaker), as the delivery log records it.</summary>
public sealed record DeliveryAttempt(DateTimeOffset At, int? StatusCode, double LatencyMs, string Outcome, string? Error, string BreakerState);

public static class DeliveryAttemptOutcomes
{
    public const string Delivered = "delivered";
    public const string Retryable = "retryable";
    public const string Permanent = "permanent";
    public const string BreakerOpen = "breaker_open";
}
