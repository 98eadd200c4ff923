using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Webhooks;

/// <summary>
/// Decides whether a webhook may connect to an address: the one classification both the save-time and the connect-time
/// check use. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address too, so
/// no spelling of a private or metadata address gets through.
/// </summary>
public sealed class WebhookAddressPolicy(IOptions<WebhookTargetOptions> options)
{
    private enum Reach
    {
        Public,

        /// <summary>Loopback, private and reserved: refused unless Alerting:AllowPrivateWebhookTargets is set.</summary>
        Private,

        /// <summary>Metadata, link-local, unspecified, multicast: never a webhook, whatever the settings.</summary>
        Never,
    }

    private static readonly (IPNetwork Network, Reach Reach, string Name)[] Ranges =
    [
        (Cidr("0.0.0.0/8"), Reach.Never, "0.0.0.0/8 (this network)"),
        (Cidr("169.254.0.0/16"), Reach.Never, "169.254.0.0/16 (link-local, where cloud metadata services answer)"),
        (Cidr("224.0.0.0/4"), Reach.Never, "224.0.0.0/4 (multicast)"),
        (Cidr("240.0.0.0/4"), Reach.Never, "240.0.0.0/4 (reserved and broadcast)"),
        (Cidr("10.0.0.0/8"), Reach.Private, "10.0.0.0/8 (private)"),
        (Cidr("100.64.0.0/10"), Reach.Private, "100.64.0.0/10 (carrier-grade NAT)"),
        (Cidr("127.0.0.0/8"), Reach.Private, "127.0.0.0/8 (loopback)"),
        (Cidr("172.16.0.0/12"), Reach.Private, "172.16.0.0/12 (private)"),
        (Cidr("192.0.0.0/24"), Reach.Private, "192.0.0.0/24 (IETF protocol assignments)"),
        (Cidr("192.0.2.0/24"), Reach.Private, "192.0.2.0/24 (documentation)"),
        (Cidr("192.88.99.0/24"), Reach.Private, "192.88.99.0/24 (6to4 relay)"),
        (Cidr("192.168.0.0/16"), Reach.Private, "192.168.0.0/16 (private)"),
        (Cidr("198.18.0.0/15"), Reach.Private, "198.18.0.0/15 (benchmarking)"),
        (Cidr("198.51.100.0/24"), Reach.Private, "198.51.100.0/24 (documentation)"),
        (Cidr("203.0.113.0/24"), Reach.Private, "203.0.113.0/24 (documentation)"),
        (Cidr("::/128"), Reach.Never, ":: (unspecified)"),
        (Cidr("fe80::/10"), Reach.Never, "fe80::/10 (link-local)"),
        (Cidr("fd00:ec2::254/128"), Reach.Never, "fd00:ec2::254 (the EC2 metadata service)"),
        (Cidr("ff00::/8"), Reach.Never, "ff00::/8 (multicast)"),
        (Cidr("::1/128"), Reach.Private, "::1 (loopback)"),
        (Cidr("::/96"), Reach.Private, "::/96 (IPv4-compatible)"),
        (Cidr("64:ff9b::/96"), Reach.Private, "64:ff9b::/96 (NAT64)"),
        (Cidr("64:ff9b:1::/48"), Reach.Private, "64:ff9b:1::/48 (local NAT64)"),
        (Cidr("100::/64"), Reach.Private, "100::/64 (discard)"),
        (Cidr("2001::/32"), Reach.Private, "2001::/32 (Teredo)"),
        (Cidr("2001:db8::/32"), Reach.Private, "2001:db8::/32 (documentation)"),
        (Cidr("2002::/16"), Reach.Private, "2002::/16 (6to4)"),
        (Cidr("fc00::/7"), Reach.Private, "fc00::/7 (unique local)"),
        (Cidr("fec0::/10"), Reach.Private, "fec0::/10 (site-local)"),
    ];

    private static readonly IPNetwork Compatible = Cidr("::/96");
    private static readonly IPNetwork Nat64 = Cidr("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = Cidr("2002::/16");

    private readonly bool allowPrivate = options.Value.AllowPrivateWebhookTargets;
    private readonly IReadOnlyList<IPNetwork> denied = options.Value.DeniedNetworks();

    /// <summary>Null when a webhook may connect to <paramref name="address"/>; otherwise why not, naming the range.</summary>
    public string? Refusal(IPAddress address)
    {
        var forms = Forms(address);
        foreach (var network in denied)
        {
            if (forms.Any(network.Contains))
            {
                return $"webhook target refused: {address} is in {network}, which Alerting:DeniedWebhookNetworks denies";
            }
        }
        var (reach, name) = forms.Select(Classify).MaxBy(c => c.Reach);
        return reach switch
        {
            Reach.Never => $"webhook target refused: {address} is in {name}, which webhooks never reach, not even with Alerting:AllowPrivateWebhookTargets",
            Reach.Private when !allowPrivate => $"webhook target refused: {address} is a loopback, private or reserved address in {name}, which is refused unless Alerting:AllowPrivateWebhookTargets is set",
            _ => null,
        };
    }

    private static (Reach Reach, string Name) Classify(IPAddress address) =>
        Ranges.Where(r => r.Network.Contains(address)).Select(r => (r.Reach, r.Name)).FirstOrDefault((Reach.Public, "public"));

    /// <summary>The address itself without a zone id, and the IPv4 address it carries, if any.</summary>
    private static List<IPAddress> Forms(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return [address];
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return [address.MapToIPv4()];
        }
        var bytes = address.GetAddressBytes();
        var unscoped = new IPAddress(bytes);
        var forms = new List<IPAddress> { unscoped };
        var compatible = Compatible.Contains(unscoped) && !unscoped.Equals(IPAddress.IPv6Any) && !unscoped.Equals(IPAddress.IPv6Loopback);
        if (compatible || Nat64.Contains(unscoped))
        {
            forms.Add(new IPAddress(bytes.AsSpan(12, 4)));
        }
        else if (SixToFour.Contains(unscoped))
        {
            forms.Add(new IPAddress(bytes.AsSpan(2, 4)));
        }
        return forms;
    }

    private static IPNetwork Cidr(string text) => IPNetwork.Parse(text);
}
