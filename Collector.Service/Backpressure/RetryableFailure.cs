using System.Globalization;
using Confluent.Kafka;
using PerfMonitor.Collector.Spool;

namespace PerfMonitor.Collector.Backpressure;

/// <summary>
/// Which ingest failures a sender should retry (the spool is full or its disk failed while Kafka is down, or Kafka failed outright)
/// and how to say so: 503 with Retry-After. Everything else is the sender's fault (4xx) or a bug (500), and
/// retrying would not help. Receivers with their own error encoding (OTLP, remote write) answer through this.
/// </summary>
public static class RetryableFailure
{
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public static bool Is(Exception exception) => exception switch
    {
        SpoolUnavailableException or KafkaException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(Is),
        _ => exception.InnerException is { } inner && Is(inner),
    };

    public static IResult Answer(Exception exception, IResult inner) =>
        new WithRetryAfter(inner, exception is SpoolUnavailableException spool ? spool.RetryAfter : DefaultRetryAfter);

    private sealed class WithRetryAfter(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
