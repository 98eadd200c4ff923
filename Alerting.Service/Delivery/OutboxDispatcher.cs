using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// Drains the outbox. Each round claims due rows with FOR UPDATE SKIP LOCKED inside a transaction held while they are
/// sent, so replicas share the work and a dispatcher that dies mid-delivery only releases its rows (its connection
/// closes) for the next one to send again under the same idempotency key.
/// </summary>
public sealed partial class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    ReceiverPipelines receivers,
    WebhookClient client,
    AlertingMetrics metrics,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Starts a round now instead of at the next poll (after a transition or a test was written).</summary>
    public void Wake() => wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DrainOnceAsync(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogRoundFailed(ex);
            }
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            poll.CancelAfter(options.Value.PollInterval);
            try
            {
                await wake.Reader.ReadAsync(poll.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll interval passed without a wake-up: look for rows that came due.
            }
        }
    }

    /// <summary>One round: claim, send, record. Returns how many rows were claimed.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = await NotificationOutbox.ClaimDueAsync(connection, transaction, options.Value.BatchSize, cancellationToken);
        if (claimed.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }
        var results = await Task.WhenAll(claimed.Select(n => DeliverAsync(n, cancellationToken)));
        foreach (var (notification, result) in claimed.Zip(results))
        {
            var (status, next) = Decide(notification, result);
            await NotificationOutbox.CompleteAsync(connection, transaction, notification, result, status, next, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    private async Task<DeliveryResult> DeliverAsync(OutboxNotification notification, CancellationToken cancellationToken)
    {
        var log = new List<DeliveryAttempt>();
        var receiver = receivers.For(notification.Host);
        try
        {
            using var response = await receiver.Pipeline.ExecuteAsync(
                async token => await client.SendAsync(notification, receiver, log, token), cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryResult(DeliveryOutcome.Delivered, status, null, log);
            }
            var error = $"HTTP {status} {response.ReasonPhrase}";
            return ReceiverPipelines.IsRetryable(response.StatusCode)
                ? new DeliveryResult(DeliveryOutcome.Retryable, status, error, log)
                : new DeliveryResult(DeliveryOutcome.Permanent, status, error, log);
        }
        catch (BrokenCircuitException)
        {
            // Not an attempt: the receiver is known to be down, so the row waits for the breaker's next probe. When this
            // round's own earlier attempt failed (the failure that opened the breaker), that failure is the row's error.
            var lastFailure = log.LastOrDefault()?.Error;
            log.Add(new DeliveryAttempt(clock.GetUtcNow(), null, 0, DeliveryAttemptOutcomes.BreakerOpen, "circuit breaker open", receiver.BreakerState));
            // A quarter of the break duration: the row is looked at again soon after the breaker lets a probe through.
            var wait = TimeSpan.FromTicks(Math.Max(options.Value.PollInterval.Ticks, options.Value.BreakerBreakDuration.Ticks / 4));
            return new DeliveryResult(DeliveryOutcome.Retryable, null, lastFailure, log, wait);
        }
        catch (TimeoutRejectedException ex)
        {
            return new DeliveryResult(DeliveryOutcome.Retryable, null, $"timed out after {ex.Timeout.TotalMilliseconds:0} ms", log);
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(DeliveryOutcome.Retryable, null, ex.Message, log);
        }
        catch (Exception ex) when (ex is InvalidOperationException or UriFormatException or NotSupportedException)
        {
            return new DeliveryResult(DeliveryOutcome.Permanent, null, ex.Message, log);
        }
    }

    private (string Status, DateTimeOffset? NextAttemptAt) Decide(OutboxNotification notification, DeliveryResult result)
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
        var exponential = o.RescheduleBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox round failed; retrying at the next poll")]
    private partial void LogRoundFailed(Exception exception);
}
