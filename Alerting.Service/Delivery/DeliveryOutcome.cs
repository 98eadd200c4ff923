namespace PerfMonitor.Alerting.Delivery;

/// <summary>How a delivery round ended, which decides what happens to its row.</summary>
public enum DeliveryOutcome
{
    Delivered,
    /// <summary>5xx, 408, 429, a timeout, a connection failure or an open breaker: try again later.</summary>
    Retryable,
    /// <summary>Any other 4xx, or a request that can never be sent: dead-lettered at once.</summary>
    Permanent,
}
