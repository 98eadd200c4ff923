using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Gateway.Ingress;

/// <summary>
/// The <c>Ingress</c> section: which reverse proxies in front of the gateway are trusted to say, in X-Forwarded-For and
/// X-Forwarded-Proto, who the client is and whether it came over HTTPS. Nobody is trusted by default: a client could
/// otherwise pick its own address (and with it its failed-authentication bucket) or claim HTTPS.
/// </summary>
public sealed class IngressOptions
{
    public const string Section = "Ingress";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>10.244.0.0/16</c> for an ingress controller's pods.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxy hops of X-Forwarded-For are read, from the right.</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;
}
