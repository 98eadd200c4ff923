using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Client;

/// <summary>
/// Records every request's duration per route, method and status as <c>http_request_duration_ms</c>; the
/// rollups' count is the request count and their percentiles the latency, so one metric serves both.
/// </summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, PerfMonitorRecorder recorder)
{
    public const string Metric = "http_request_duration_ms";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            recorder.Record(Metric, Stopwatch.GetElapsedTime(started).TotalMilliseconds, MetricKind.Histogram, "ms", new Dictionary<string, string>
            {
                ["route"] = route,
                ["method"] = context.Request.Method,
                ["status"] = context.Response.StatusCode.ToString(CultureInfo.InvariantCulture),
            });
        }
    }
}
