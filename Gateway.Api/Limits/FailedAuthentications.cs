using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Gateway.Limits;

/// <summary>Counts failed authentications per client address in a fixed window (see <see cref="FailedAuthenticationOptions"/>).</summary>
public sealed class FailedAuthentications : IDisposable
{
    private readonly PartitionedRateLimiter<string> failures;

    public FailedAuthentications(IOptions<FailedAuthenticationOptions> options)
    {
        var limits = options.Value;
        failures = PartitionedRateLimiter.Create<string, string>(address => limits.PermitLimit == 0
            ? RateLimitPartition.GetNoLimiter(address)
            : RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit,
                Window = limits.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <returns>How long the caller's address must wait before its credentials are checked again; null when they may be.</returns>
    public TimeSpan? Blocked(HttpContext context)
    {
        // Zero permits asks whether any are left without taking one.
        using var lease = failures.AttemptAcquire(Address(context), 0);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
    }

    public void Record(HttpContext context)
    {
        using var _ = failures.AttemptAcquire(Address(context), 1);
    }

    public void Dispose() => failures.Dispose();

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
