using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// Sends one outbox row. Its own handler on purpose: resilience is the per-host pipeline's job (the standard handler
/// would retry underneath it), redirects are not followed, every connection goes through the address guard (so a name
/// that resolves to a private address later, DNS rebinding, is refused too), and the response body is read only within
/// its size and time limits.
/// </summary>
public sealed class WebhookClient : IDisposable
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string EventHeader = "X-PerfMonitor-Event";

    private readonly HttpClient http;
    private readonly DeliveryOptions options;
    private readonly DeliveryMetrics metrics;
    private readonly TimeProvider clock;

    public WebhookClient(GuardedConnector connector, IOptions<DeliveryOptions> options, DeliveryMetrics metrics, TimeProvider clock)
    {
        this.options = options.Value;
        this.metrics = metrics;
        this.clock = clock;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // Never a proxy, not even one from HTTP_PROXY/HTTPS_PROXY/ALL_PROXY: the guard would see the proxy's address
            // and the proxy would then connect to any target for us.
            UseProxy = false,
            ConnectCallback = connector.ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            // A body left unread past the limit is not drained in the background either: the connection is closed.
            MaxResponseDrainSize = 0,
        };
        // The pipeline's timeout bounds each attempt; HttpClient's own must not cut in first.
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("PerfMonitor-Alerting/1");
    }

    public async Task<WebhookResponse> SendAsync(OutboxNotification notification, ReceiverPipelines.Receiver receiver, List<DeliveryAttempt> log, CancellationToken cancellationToken)
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
            using var answer = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var excerpt = await ResponseBody.ReadExcerptAsync(answer.Content, options.MaxResponseBodyBytes, options.ResponseBodyTimeout, clock, cancellationToken);
            var response = new WebhookResponse(answer.StatusCode, answer.ReasonPhrase, excerpt);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var outcome = response.IsSuccess ? DeliveryAttemptOutcomes.Delivered
                : ReceiverPipelines.IsRetryable(response.StatusCode) ? DeliveryAttemptOutcomes.Retryable : DeliveryAttemptOutcomes.Permanent;
            Record(log, new DeliveryAttempt(at, (int)response.StatusCode, latency, outcome, response.Error, breaker));
            metrics.Attempted(receiver.Host, outcome, latency);
            return response;
        }
        catch (Exception ex)
        {
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var error = ex is OperationCanceledException && cancellationToken.IsCancellationRequested ? $"timed out after {latency:0} ms" : ex.Message;
            var outcome = WebhookTargetRefusedException.IsRefusal(ex) ? DeliveryAttemptOutcomes.Permanent : DeliveryAttemptOutcomes.Retryable;
            Record(log, new DeliveryAttempt(at, null, latency, outcome, error, breaker));
            metrics.Attempted(receiver.Host, outcome, latency);
            throw;
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>Adds an attempt to a round's log; the pipeline's timeout may leave an attempt running beside the next one.</summary>
    internal static void Record(List<DeliveryAttempt> log, DeliveryAttempt attempt)
    {
        lock (log)
        {
            log.Add(attempt);
        }
    }
}
