using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// Sends a grouped notification as e-mail with MailKit, through the same address guard as every webhook. Its outcome is
/// read the way webhook answers are, so the receiver's pipeline retries and breaks alike: an SMTP 4xx reply or a lost
/// connection is tried again (503), a 5xx reply or a refused login is not (the reply's code, or 401).
/// </summary>
public sealed class EmailClient(GuardedConnector connector, DeliveryMetrics metrics, TimeProvider clock)
{
    public sealed record EmailBody(string Subject, string Text, string Html);

    public async Task<WebhookResponse> SendAsync(OutboxNotification notification, Receiver receiver, ReceiverPipelines.Receiver pipeline, List<DeliveryAttempt> log, CancellationToken cancellationToken)
    {
        var email = receiver.Email ?? throw new InvalidOperationException($"receiver {receiver.Name} has no e-mail settings");
        var at = clock.GetUtcNow();
        var breaker = pipeline.BreakerState;
        var started = Stopwatch.GetTimestamp();
        WebhookResponse response;
        try
        {
            response = await SendMessageAsync(Message(notification, email), email, receiver.Secret, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var refused = WebhookTargetRefusedException.IsRefusal(ex);
            WebhookClient.Record(log, new DeliveryAttempt(at, null, failed, refused ? DeliveryAttemptOutcomes.Permanent : DeliveryAttemptOutcomes.Retryable, ex.Message, breaker));
            metrics.Attempted(pipeline.Host, refused ? DeliveryAttemptOutcomes.Permanent : DeliveryAttemptOutcomes.Retryable, failed);
            // Connection trouble reads as a failed HTTP request: transient for the pipeline, retried, counted by the breaker.
            throw refused ? ex : new HttpRequestException($"SMTP {email.Smarthost}: {ex.Message}", ex);
        }
        var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var outcome = response.IsSuccess ? DeliveryAttemptOutcomes.Delivered
            : ReceiverPipelines.IsRetryable(response.StatusCode) ? DeliveryAttemptOutcomes.Retryable : DeliveryAttemptOutcomes.Permanent;
        WebhookClient.Record(log, new DeliveryAttempt(at, (int)response.StatusCode, latency, outcome, response.Error, breaker));
        metrics.Attempted(pipeline.Host, outcome, latency);
        return response;
    }

    private async Task<WebhookResponse> SendMessageAsync(MimeMessage message, EmailSettings email, string? password, CancellationToken cancellationToken)
    {
        using var smtp = new SmtpClient();
        var stream = await connector.ConnectAsync(new DnsEndPoint(email.Host, email.Port), cancellationToken);
        try
        {
            await smtp.ConnectAsync(stream, email.Host, email.Port, email.RequireTls ? SecureSocketOptions.StartTls : SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
            if (email.Username is { } username)
            {
                await smtp.AuthenticateAsync(username, password ?? "", cancellationToken);
            }
            await smtp.SendAsync(message, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            return new WebhookResponse(HttpStatusCode.OK, "OK", "");
        }
        catch (SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            return new WebhookResponse(code is >= 400 and < 500 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.UnprocessableEntity, $"SMTP {code}", ex.Message);
        }
        catch (AuthenticationException ex)
        {
            return new WebhookResponse(HttpStatusCode.Unauthorized, "SMTP authentication failed", ex.Message);
        }
    }

    private static MimeMessage Message(OutboxNotification notification, EmailSettings email)
    {
        var body = JsonSerializer.Deserialize<EmailBody>(notification.Body, JsonSerializerOptions.Web)!;
        var message = new MimeMessage { Subject = body.Subject, Body = new BodyBuilder { TextBody = body.Text, HtmlBody = body.Html }.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse(email.From));
        message.To.AddRange(email.To.Select(MailboxAddress.Parse));
        // The outbox row's id: a retried send carries the same Message-Id, so a mail system can drop the repeat.
        message.MessageId = $"{notification.Id}@perfmon";
        message.Headers.Add("X-PerfMonitor-Event", notification.Event);
        return message;
    }
}
