namespace PerfMonitor.Gateway.Security;

/// <summary>One configured key: <c>ApiKeys:&lt;name&gt;:Key</c>, <c>:Scopes</c> (comma list) and an optional rate limit.</summary>
public sealed class ApiKeyOptions
{
    public string Key { get; set; } = "";

    public string Scopes { get; set; } = "read";

    /// <summary>Tokens added per second to this key's bucket; unset uses <see cref="RateLimitOptions.PermitsPerSecond"/>, 0 disables the limit.</summary>
    public int? PermitsPerSecond { get; set; }

    /// <summary>Bucket size (the burst a key may send at once); unset uses <see cref="RateLimitOptions.Burst"/>.</summary>
    public int? Burst { get; set; }
}
