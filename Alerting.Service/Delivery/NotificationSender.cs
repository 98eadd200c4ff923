using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Alerting.Webhooks;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// One delivery round of one notification: its receiver's pipeline around the webhook client (or, for an e-mail receiver,
/// the e-mail client), turned into a result. A grouped row is made sendable with its named receiver's settings first.
/// </summary>
public sealed class NotificationSender(ReceiverPipelines receivers, WebhookClient client, EmailClient email, ReceiverStore named, IOptions<DeliveryOptions> options, TimeProvider clock)
{
    public async Task<DeliveryResult> DeliverAsync(OutboxNotification notification, CancellationToken cancellationToken)
    {
        var log = new List<DeliveryAttempt>();
        var receiver = receivers.For(notification.Host);
        Receiver? target = null;
        if (notification.Receiver is { } name)
        {
            target = await named.GetAsync(name, cancellationToken);
            if (target is null)
            {
                return new DeliveryResult(DeliveryOutcome.Permanent, null, $"receiver '{name}' no longer exists", log);
            }
            notification = ReceiverRequests.Prepare(notification, target);
        }
        try
        {
            var request = notification;
            var response = await receiver.Pipeline.ExecuteAsync(
                async token => target?.Kind == ReceiverKind.Email
                    ? await email.SendAsync(request, target, receiver, log, token)
                    : await client.SendAsync(request, receiver, log, token), cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccess)
            {
                return new DeliveryResult(DeliveryOutcome.Delivered, status, null, log);
            }
            return ReceiverPipelines.IsRetryable(response.StatusCode)
                ? new DeliveryResult(DeliveryOutcome.Retryable, status, response.Error, log)
                : new DeliveryResult(DeliveryOutcome.Permanent, status, response.Error, log);
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
        catch (HttpRequestException ex) when (WebhookTargetRefusedException.IsRefusal(ex))
        {
            return new DeliveryResult(DeliveryOutcome.Permanent, null, ex.Message, log);
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
}
