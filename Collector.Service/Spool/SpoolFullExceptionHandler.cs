using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace PerfMonitor.Collector.Spool;

/// <summary>Any HTTP ingest route: a full spool while Kafka is down is backpressure, 503 problem+json with Retry-After.</summary>
public sealed class SpoolFullExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not SpoolFullException full)
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(full.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new()
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Kafka is unavailable and the spool is full",
                Detail = full.Message,
            },
        });
    }
}
