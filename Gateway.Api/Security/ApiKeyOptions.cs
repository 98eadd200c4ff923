using PerfMonitor.Gateway.Limits;

namespace PerfMonitor.Gateway.Security;

/// <summary>
/// One configured key: <c>ApiKeys:&lt;name&gt;:Key</c>, <c>:Scopes</c> (comma list), and optional limits that override the
/// defaults of <see cref="RateLimitOptions"/> and <see cref="ConcurrencyLimitOptions"/> for this key.
/// </summary>
public sealed class ApiKeyOptions
{
    public string Key { get; set; } = "";

    public string Scopes { get; set; } = "read";

    /// <summary>Tokens added per second to this key's bucket; unset uses <see cref="RateLimitOptions.PermitsPerSecond"/>, 0 disables the limit.</summary>
    public int? PermitsPerSecond { get; set; }

    /// <summary>Bucket size (the burst a key may send at once); unset uses <see cref="RateLimitOptions.Burst"/>.</summary>
    public int? Burst { get; set; }

    /// <summary>Ingest requests and streams this key may have open at once; unset uses <see cref="ConcurrencyLimitOptions.MaxConcurrentIngest"/>, 0 is unlimited.</summary>
    public int? MaxConcurrentIngest { get; set; }

    /// <summary>Queries this key may have running at once; unset uses <see cref="ConcurrencyLimitOptions.MaxConcurrentQueries"/>, 0 is unlimited.</summary>
    public int? MaxConcurrentQueries { get; set; }
}
