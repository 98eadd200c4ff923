using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Gateway.Limits;

/// <summary>Per-key token buckets (<c>RateLimiting</c> section); anonymous callers share a bucket per client address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    [Range(0, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 1000;

    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 2000;

    [Range(0, 1_000_000)]
    public int AnonymousPermitsPerSecond { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int AnonymousBurst { get; set; } = 60;
}
