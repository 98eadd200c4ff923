using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Webhooks;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// One Polly pipeline per receiver host: retry (exponential backoff with jitter) around a circuit breaker around a
/// per-attempt timeout. A host that keeps failing or timing out opens its own breaker without slowing other receivers.
/// </summary>
public sealed partial class ReceiverPipelines
{
    private readonly ConcurrentDictionary<string, Receiver> receivers = new(StringComparer.Ordinal);
    private readonly DeliveryOptions options;
    private readonly DeliveryMetrics metrics;
    private readonly TimeProvider clock;
    private readonly ILogger<ReceiverPipelines> logger;

    public ReceiverPipelines(IOptions<DeliveryOptions> options, DeliveryMetrics metrics, TimeProvider clock, ILogger<ReceiverPipelines> logger)
    {
        this.options = options.Value;
        this.metrics = metrics;
        this.clock = clock;
        this.logger = logger;
        metrics.OpenBreakers = () => receivers.Where(r => r.Value.Breaker.CircuitState == CircuitState.Open).Select(r => r.Key);
    }

    public sealed record Receiver(string Host, ResiliencePipeline<WebhookResponse> Pipeline, CircuitBreakerStateProvider Breaker)
    {
        public string BreakerState => NameOf(Breaker.CircuitState);
    }

    public Receiver For(string host) => receivers.GetOrAdd(host, Build);

    public string StateOf(string host) => receivers.TryGetValue(host, out var receiver) ? receiver.BreakerState : "closed";

    public IReadOnlyDictionary<string, string> States => receivers.ToDictionary(r => r.Key, r => r.Value.BreakerState, StringComparer.Ordinal);

    /// <summary>5xx, 408 and 429 may succeed later; any other 4xx will not.</summary>
    public static bool IsRetryable(HttpStatusCode status) => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    public static string NameOf(CircuitState state) => state switch
    {
        CircuitState.Open or CircuitState.Isolated => "open",
        CircuitState.HalfOpen => "half_open",
        _ => "closed",
    };

    /// <summary>A refused target is no failure of the receiver: it is neither retried nor counted against its breaker.</summary>
    private static ValueTask<bool> IsTransient(Outcome<WebhookResponse> outcome) => ValueTask.FromResult(outcome switch
    {
        { Exception: { } refused } when WebhookTargetRefusedException.IsRefusal(refused) => false,
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Result: { } response } => IsRetryable(response.StatusCode),
        _ => false,
    });

    private Receiver Build(string host)
    {
        var state = new CircuitBreakerStateProvider();
        var builder = new ResiliencePipelineBuilder<WebhookResponse> { TimeProvider = clock, Name = $"webhook:{host}" };
        if (options.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<WebhookResponse>
            {
                MaxRetryAttempts = options.RetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => IsTransient(args.Outcome),
            });
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<WebhookResponse>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            StateProvider = state,
            ShouldHandle = args => IsTransient(args.Outcome),
            OnOpened = args =>
            {
                metrics.BreakerChanged(host, "open");
                LogBreakerOpened(host, args.BreakDuration);
                return default;
            },
            OnHalfOpened = _ =>
            {
                metrics.BreakerChanged(host, "half_open");
                return default;
            },
            OnClosed = _ =>
            {
                metrics.BreakerChanged(host, "closed");
                LogBreakerClosed(host);
                return default;
            },
        });
        builder.AddTimeout(options.AttemptTimeout);
        return new Receiver(host, builder.Build(), state);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit breaker for receiver {Host} opened for {BreakDuration}; its deliveries wait")]
    private partial void LogBreakerOpened(string host, TimeSpan breakDuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit breaker for receiver {Host} closed; deliveries resume")]
    private partial void LogBreakerClosed(string host);
}
