using System.Net;
using System.Net.Sockets;

namespace PerfMonitor.Embedded;

public static class FreePort
{
    /// <summary>A loopback port the OS just handed out; free unless another process takes it in between.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
