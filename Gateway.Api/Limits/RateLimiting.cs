using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.Limits;

/// <summary>A token bucket per API key (anonymous callers: per client address); 429 problem+json with Retry-After when empty (gRPC: RESOURCE_EXHAUSTED).</summary>
public static class RateLimiting
{
    public static IServiceCollection AddPerKeyRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits.Value));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Refusal.Seconds(retryAfter);
                var who = rejected.HttpContext.Features.Get<ApiKeyIdentity>()?.Name;
                await Refusal.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Rate limit exceeded",
                    who is null
                        ? $"Too many anonymous requests from this address; retry in {seconds}s."
                        : $"The key '{who}' sent more than its rate limit allows; retry in {seconds}s.",
                    retryAfter);
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive"))
        {
            return RateLimitPartition.GetNoLimiter("probes");
        }
        if (context.Features.Get<ApiKeyIdentity>() is { } identity)
        {
            var permits = identity.PermitsPerSecond ?? limits.PermitsPerSecond;
            return permits <= 0
                ? RateLimitPartition.GetNoLimiter("key:" + identity.Name)
                : RateLimitPartition.GetTokenBucketLimiter("key:" + identity.Name, _ => Bucket(permits, identity.Burst ?? limits.Burst));
        }
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return limits.AnonymousPermitsPerSecond <= 0
            ? RateLimitPartition.GetNoLimiter("anonymous")
            : RateLimitPartition.GetTokenBucketLimiter("ip:" + address, _ => Bucket(limits.AnonymousPermitsPerSecond, limits.AnonymousBurst));
    }

    private static TokenBucketRateLimiterOptions Bucket(int permitsPerSecond, int burst) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = permitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
