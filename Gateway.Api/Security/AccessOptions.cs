using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Gateway.Security;

/// <summary>The <c>Access</c> section: dashboard session cookie, CORS origins and where mounted key files live.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    public const string HeaderName = "X-Api-Key";

    public const string CookieName = "perfmon_session";

    /// <summary>How long a dashboard sign-in lasts.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Origins allowed to call the API from a browser; empty means same-origin only.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>A mounted secret folder with one file per setting, e.g. <c>ApiKeys__ci__Key</c> (Kubernetes Secret volume).</summary>
    public string SecretsDirectory { get; set; } = "/run/secrets/perfmon";
}
