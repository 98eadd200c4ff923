using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Gateway.Limits;

/// <summary>
/// The <c>FailedAuthentication</c> section: after <see cref="PermitLimit"/> wrong keys, sessions or sign-in links from one
/// client address within <see cref="Window"/>, every request from that address that presents credentials gets 429 until
/// the window ends. Behind a proxy, the address is the client's only when <c>Ingress</c> names the proxy.
/// </summary>
public sealed class FailedAuthenticationOptions
{
    public const string Section = "FailedAuthentication";

    /// <summary>Failures allowed per address and window; 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int PermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
