namespace PerfMonitor.Alerting.Delivery;

/// <summary>What became of one attempt, as the delivery log and the attempts metric name it.</summary>
public static class DeliveryAttemptOutcomes
{
    public const string Delivered = "delivered";
    public const string Retryable = "retryable";
    public const string Permanent = "permanent";
    public const string BreakerOpen = "breaker_open";
}
