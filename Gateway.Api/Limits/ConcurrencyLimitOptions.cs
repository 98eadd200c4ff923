using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Gateway.Limits;

/// <summary>
/// The <c>ConcurrencyLimits</c> section: how many requests one key may have in flight at once, so one client cannot hold
/// every connection or worker behind the gateway. A key may override each (<c>ApiKeys:&lt;name&gt;:MaxConcurrentIngest</c>).
/// </summary>
public sealed class ConcurrencyLimitOptions
{
    public const string Section = "ConcurrencyLimits";

    /// <summary>Ingest requests and streams per key (REST ingest, gRPC Ingest/Push, OTLP); 0 is unlimited.</summary>
    [Range(0, 100_000)]
    public int MaxConcurrentIngest { get; set; } = 64;

    /// <summary>Queries per key (every request that needs the read scope: analytics and alert reads); 0 is unlimited.</summary>
    [Range(0, 100_000)]
    public int MaxConcurrentQueries { get; set; } = 32;

    /// <summary>The Retry-After a refused request gets.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
