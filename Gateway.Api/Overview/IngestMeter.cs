using System.Collections.Concurrent;
using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.Overview;

/// <summary>
/// Counts ingest requests and bytes the gateway forwards, per second over a sliding minute, so the overview can show
/// an ingest rate measured at the front door even before any service reports one.
/// </summary>
public sealed class IngestMeter(TimeProvider clock)
{
    private const int WindowSeconds = 60;
    private readonly ConcurrentDictionary<long, (long Requests, long Bytes)> seconds = new();

    public void Record(long bytes)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        seconds.AddOrUpdate(now, (1, bytes), (_, c) => (c.Requests + 1, c.Bytes + bytes));
        foreach (var old in seconds.Keys.Where(s => s <= now - WindowSeconds))
        {
            seconds.TryRemove(old, out _);
        }
    }

    public (double RequestsPerSecond, double BytesPerSecond) Rate()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var recent = seconds.Where(s => s.Key > now - WindowSeconds).Select(s => s.Value).ToList();
        return (recent.Sum(c => c.Requests) / (double)WindowSeconds, recent.Sum(c => c.Bytes) / (double)WindowSeconds);
    }

    /// <summary>Middleware: counts requests to the ingest routes (those that need the ingest scope).</summary>
    public static Func<HttpContext, Func<Task>, Task> Middleware(IngestMeter meter) => (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Features.Get<AccessRequirement>()?.Scope == Scope.Ingest)
        {
            meter.Record(context.Request.ContentLength ?? 0);
        }
        return next();
    };
}
