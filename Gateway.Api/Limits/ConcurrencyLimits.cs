using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.Limits;

/// <summary>
/// Holds a slot of the caller's key for as long as an ingest request or stream, or a query, is in flight (a gRPC stream
/// holds it until it ends). Over the key's limit: 429 with Retry-After, or RESOURCE_EXHAUSTED for gRPC. Writes that need
/// admin are bounded by the rate limit only.
/// </summary>
public sealed class ConcurrencyLimits(RequestDelegate next, IOptions<ConcurrencyLimitOptions> options)
{
    private readonly ConcurrentDictionary<(string Key, Scope Work), ConcurrencyLimiter> limiters = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var identity = context.Features.Get<ApiKeyIdentity>();
        var work = context.Features.Get<AccessRequirement>()?.Scope;
        var limit = (identity, work) switch
        {
            ({ } key, Scope.Ingest) => key.MaxConcurrentIngest ?? options.Value.MaxConcurrentIngest,
            ({ } key, Scope.Read) => key.MaxConcurrentQueries ?? options.Value.MaxConcurrentQueries,
            _ => 0,
        };
        if (limit <= 0)
        {
            await next(context);
            return;
        }

        var limiter = limiters.GetOrAdd((identity!.Name, work!.Value), _ => new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = limit, QueueLimit = 0 }));
        using var lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            var what = work == Scope.Ingest ? "ingest requests and streams" : "queries";
            await Refusal.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Concurrency limit exceeded",
                $"The key '{identity.Name}' already has {limit} {what} in flight, its limit; retry when one has finished.",
                options.Value.RetryAfter, new Dictionary<string, object?> { ["limit"] = limit });
            return;
        }
        await next(context);
    }
}
