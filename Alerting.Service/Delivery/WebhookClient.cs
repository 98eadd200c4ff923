using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// Sends one outbox row. Its own handler on purpose: resilience is the per-host pipeline's job (the standard handler
/// would retry underneath it), redirects are not followed, and every connection is checked again against private
/// addresses, so a name that resolves to one later (DNS rebinding) is refused too.
/// </summary>
public sealed class WebhookClient : IDisposable
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string EventHeader = "X-PerfMonitor-Event";

    private readonly HttpClient http;
    private readonly AlertingMetrics metrics;
    private readonly TimeProvider clock;

    public WebhookClient(IOptions<AlertingOptions> alerting, AlertingMetrics metrics, TimeProvider clock)
    {
        this.metrics = metrics;
        this.clock = clock;
        var allowPrivate = alerting.Value.AllowPrivateWebhookTargets;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
                if (!allowPrivate && addresses.Any(RuleValidator.IsPrivate))
                {
                    throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to a loopback or private address, which Alerting:AllowPrivateWebhookTargets does not allow");
                }
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // The pipeline's timeout bounds each attempt; HttpClient's own must not cut in first.
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("PerfMonitor-Alerting/1");
    }

    public async Task<HttpResponseMessage> SendAsync(OutboxNotification notification, ReceiverPipelines.Receiver receiver, List<DeliveryAttempt> log, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, notification.Url)
        {
            Content = new StringContent(notification.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdempotencyHeader, notification.Id.ToString());
        request.Headers.Add(EventHeader, notification.Event);
        if (notification.Signature is { } signature)
        {
            request.Headers.Add(WebhookSigner.Header, signature);
        }
        var at = clock.GetUtcNow();
        var breaker = receiver.BreakerState;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await http.SendAsync(request, cancellationToken);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var outcome = response.IsSuccessStatusCode ? DeliveryAttemptOutcomes.Delivered
                : ReceiverPipelines.IsRetryable(response.StatusCode) ? DeliveryAttemptOutcomes.Retryable : DeliveryAttemptOutcomes.Permanent;
            lock (log)
            {
                log.Add(new DeliveryAttempt(at, (int)response.StatusCode, latency, outcome, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", breaker));
            }
            metrics.Attempted(receiver.Host, outcome, latency);
            return response;
        }
        catch (Exception ex)
        {
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var error = ex is OperationCanceledException && !cancellationToken.IsCancellationRequested ? ex.Message
                : ex is OperationCanceledException ? $"timed out after {latency:0} ms" : ex.Message;
            lock (log)
            {
                log.Add(new DeliveryAttempt(at, null, latency, DeliveryAttemptOutcomes.Retryable, error, breaker));
            }
            metrics.Attempted(receiver.Host, DeliveryAttemptOutcomes.Retryable, latency);
            throw;
        }
    }

    public void Dispose() => http.Dispose();
}
