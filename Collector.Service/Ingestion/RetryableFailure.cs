using Confluent.Kafka;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>
/// Which publishing failures a sender should retry (Kafka unreachable, timed out, queue full) and how to say so:
/// 503 with Retry-After. Everything else is the sender's fault (4xx) or a bug (500), and retrying would not help.
/// </summary>
public static class RetryableFailure
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static bool Is(Exception exception) => exception switch
    {
        KafkaException => true,
        TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(Is),
        _ => exception.InnerException is { } inner && Is(inner),
    };

    public static IResult Answer(IResult inner) => new WithRetryAfter(inner);

    private sealed class WithRetryAfter(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
