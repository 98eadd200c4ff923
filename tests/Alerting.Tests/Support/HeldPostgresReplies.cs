using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// A loopback TCP relay in front of the test cluster's PostgreSQL that can hold the server's replies on the connections
/// open at one moment while connections opened later pass freely: a query sent on a held connection has run (its snapshot
/// was taken) when its reply reaches the relay, and its caller sees the reply only once released. Not a stand-in: every
/// byte is PostgreSQL's, only later.
/// </summary>
public sealed class HeldPostgresReplies : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Link> links = [];
    private readonly TaskCompletionSource replyHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task accepting;

    private HeldPostgresReplies(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        targetHost = builder.Host!;
        targetPort = builder.Port;
        listener.Start();
        builder.Host = IPAddress.Loopback.ToString();
        builder.Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        ConnectionString = builder.ConnectionString;
        accepting = AcceptAsync();
    }

    /// <summary>The same database, reached through the relay.</summary>
    public string ConnectionString { get; }

    /// <summary>Completes once a reply was held back: the query it answers has run.</summary>
    public Task ReplyHeld => replyHeld.Task;

    public static HeldPostgresReplies Start(string connectionString) => new(connectionString);

    /// <summary>From now on, the replies on every connection open now are held until <see cref="Release"/>.</summary>
    public void HoldOpenConnections()
    {
        lock (links)
        {
            foreach (var link in links)
            {
                link.Hold();
            }
        }
    }

    public void Release() => released.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        lock (links)
        {
            foreach (var link in links)
            {
                link.Dispose();
            }
        }
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                var server = new TcpClient();
                await server.ConnectAsync(targetHost, targetPort, stopping.Token);
                var link = new Link(client, server);
                lock (links)
                {
                    links.Add(link);
                }
                _ = PumpAsync(client.GetStream(), server.GetStream(), () => false);
                _ = PumpAsync(server.GetStream(), client.GetStream(), () => link.IsHeld);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, Func<bool> held)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, stopping.Token)) > 0)
            {
                if (held())
                {
                    replyHeld.TrySetResult();
                    await released.Task.WaitAsync(stopping.Token);
                }
                await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
            }
            to.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // One side closed, or the relay stopped.
        }
    }

    private sealed class Link(TcpClient client, TcpClient server) : IDisposable
    {
        private volatile bool held;

        public bool IsHeld => held;

        public void Hold() => held = true;

        public void Dispose()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
