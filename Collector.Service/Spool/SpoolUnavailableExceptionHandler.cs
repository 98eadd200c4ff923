using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace PerfMonitor.Collector.Spool;

/// <summary>Any HTTP ingest route: a spool that cannot take samples (full, or its disk failed) while Kafka is down is backpressure, 503 problem+json with Retry-After.</summary>
public sealed class SpoolUnavailableExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not SpoolUnavailableException unavailable)
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new()
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = unavailable.Title,
                Detail = unavailable.Message,
            },
        });
    }
}
