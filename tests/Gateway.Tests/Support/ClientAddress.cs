using System.Net;
using System.Net.Sockets;

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// An HttpClient whose connections come from a chosen loopback address (all of 127.0.0.0/8 is loopback on Linux), so
/// a test can be a client of its own address without locking out every other client on 127.0.0.1.
/// </summary>
public static class ClientAddress
{
    public static HttpClient From(string localAddress, Uri baseAddress) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
}
