using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Gateway.Security;

/// <summary>The <c>Access</c> section: dashboard sessions and sign-in link, CORS origins and where mounted key files live.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    public const string HeaderName = "X-Api-Key";

    /// <summary>How long a dashboard sign-in lasts.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// A one-time token for <c>/login?t=&lt;token&gt;</c>, which signs a browser in as the <c>admin</c> key once. The AppHost
    /// sets a fresh one per run (<c>Access__SignInToken</c>) and prints the link; unset, there is no sign-in link.
    /// </summary>
    public string? SignInToken { get; set; }

    /// <summary>Origins allowed to call the API from a browser; empty means same-origin only.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>A mounted secret folder with one file per setting, e.g. <c>ApiKeys__ci__Key</c> (Kubernetes Secret volume).</summary>
    public string SecretsDirectory { get; set; } = "/run/secrets/perfmon";
}
