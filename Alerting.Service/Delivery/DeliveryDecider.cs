using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>What a round's result means for its row: delivered, tried again after a backoff, or dead-lettered.</summary>
public sealed partial class DeliveryDecider(DeliveryMetrics metrics, IOptions<DeliveryOptions> options, TimeProvider clock, ILogger<DeliveryDecider> logger)
{
    public (string Status, DateTimeOffset? NextAttemptAt) Decide(OutboxNotification notification, DeliveryResult result)
    {
        var now = clock.GetUtcNow();
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                LogDelivered(notification.Id, notification.RuleId, notification.Event, result.StatusCode ?? 0, result.Attempts.Count);
                return (NotificationOutbox.Delivered, null);
            case DeliveryOutcome.Permanent:
                return DeadLetter(notification, result.Error);
            default:
                if (now - notification.CreatedAt >= options.Value.MaxAge)
                {
                    return DeadLetter(notification, result.Error ?? notification.LastError);
                }
                var wait = result.RetryAfter ?? Backoff(notification.Attempts + result.Attempts.Count);
                LogRetryLater(notification.Id, notification.Host, result.Error ?? "circuit breaker open", wait);
                return (NotificationOutbox.Pending, now + wait);
        }
    }

    private (string, DateTimeOffset?) DeadLetter(OutboxNotification notification, string? error)
    {
        metrics.DeadLettered(notification.Host);
        LogDeadLettered(notification.Id, notification.RuleId, notification.Host, error ?? "unknown");
        return (NotificationOutbox.Dead, null);
    }

    private TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        // The wait doubles per failed round, not per try: a round makes RetryAttempts + 1 tries, and doubling per try
        // multiplied the wait by eight per round (4 s, 32 s, 256 s), holding alerts long after a receiver came back.
        // A breaker refusal is one try, so while a breaker is open a row comes back sooner; a refusal costs nothing.
        var rounds = (attempts + o.RetryAttempts) / (o.RetryAttempts + 1);
        var exponential = o.RescheduleBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(rounds - 1, 0, 30));
        var capped = Math.Min(exponential, o.RescheduleMaxDelay.TotalMilliseconds);
        // Jitter spreads a burst of rows for one receiver so they do not all retry in the same instant.
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} (rule {RuleId}, {Event}) delivered with {StatusCode} after {Attempts} attempt(s)")]
    private partial void LogDelivered(Guid notificationId, Guid ruleId, string @event, int statusCode, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} to {Host} not delivered ({Error}); next round in {Wait}")]
    private partial void LogRetryLater(Guid notificationId, string host, string error, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {NotificationId} (rule {RuleId}) to {Host} dead-lettered: {Error}")]
    private partial void LogDeadLettered(Guid notificationId, Guid ruleId, string host, string error);
}
