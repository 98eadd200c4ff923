using System.Net;
using System.Net.Sockets;

namespace PerfMonitor.Alerting.Webhooks;

/// <summary>
/// The webhook client's ConnectCallback: resolves the host itself, refuses the connection when any of its addresses is
/// refused (a name that resolves to a private address later, DNS rebinding, is caught here), connects only to the
/// addresses it checked, and checks the address actually connected to once more.
/// </summary>
public sealed class GuardedConnector(WebhookAddressPolicy policy, IHostResolver resolver)
{
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectAsync(context.DnsEndPoint, cancellationToken);

    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        if (WebhookHost.HasZoneId(endpoint.Host))
        {
            throw new WebhookTargetRefusedException(endpoint.Host, "webhook target refused: an IPv6 zone id names a link, and link-scoped targets are never reached");
        }
        IPAddress[] addresses = WebhookHost.Literal(endpoint.Host) is { } literal
            ? [literal]
            : WebhookHost.IsLocalhost(endpoint.Host) ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
            : await resolver.ResolveAsync(WebhookHost.Normalize(endpoint.Host), cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"{endpoint.Host} resolves to no address");
        }
        foreach (var address in addresses)
        {
            Refuse(endpoint.Host, address);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            Refuse(endpoint.Host, ((IPEndPoint)socket.RemoteEndPoint!).Address);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Refuse(string host, IPAddress address)
    {
        if (policy.Refusal(address) is { } refusal)
        {
            throw new WebhookTargetRefusedException(host, refusal);
        }
    }
}
