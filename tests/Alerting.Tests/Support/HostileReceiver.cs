using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// A loopback receiver on a raw socket that answers with headers and then misbehaves with the body: <c>/endless/{status}</c>
/// streams chunks until the caller hangs up, <c>/stall/{status}</c> sends nothing more for minutes. A raw socket, not
/// Kestrel, so <see cref="BytesWritten"/> counts what the kernel took, not writes a server swallows after a hang-up.
/// </summary>
public sealed class HostileReceiver : IAsyncDisposable
{
    private static readonly TimeSpan StallFor = TimeSpan.FromMinutes(2);
    private static readonly byte[] Chunk = Encoding.ASCII.GetBytes($"4000\r\n{new string('x', 0x4000)}\r\n");

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private long bytesWritten;
    private int requests;
    private int abandoned;

    private HostileReceiver()
    {
        listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        accepting = AcceptAsync();
    }

    public string BaseUrl { get; }

    public string EndlessUrl(int status = 200) => $"{BaseUrl}/endless/{status}";

    public string StallUrl(int status = 200) => $"{BaseUrl}/stall/{status}";

    /// <summary>Body bytes the socket accepted before the caller hung up: what it read plus the socket buffers.</summary>
    public long BytesWritten => Interlocked.Read(ref bytesWritten);

    public int Requests => Volatile.Read(ref requests);

    /// <summary>Responses the caller hung up on before their body ended.</summary>
    public int Abandoned => Volatile.Read(ref abandoned);

    public static Task<HostileReceiver> StartAsync() => Task.FromResult(new HostileReceiver());

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(stopping.Token);
                _ = AnswerAsync(socket);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task AnswerAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                var path = await ReadRequestAsync(socket);
                Interlocked.Increment(ref requests);
                var status = int.Parse(path[(path.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                var head = $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n";
                await socket.SendAsync(Encoding.ASCII.GetBytes(head), stopping.Token);
                if (path.StartsWith("/endless/", StringComparison.Ordinal))
                {
                    while (true)
                    {
                        await socket.SendAsync(Chunk, stopping.Token);
                        Interlocked.Add(ref bytesWritten, Chunk.Length);
                    }
                }
                // Stalled: wait for the caller to hang up (a read of nothing), or for minutes.
                using var stall = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                stall.CancelAfter(StallFor);
                if (await socket.ReceiveAsync(new byte[1], stall.Token) == 0)
                {
                    Interlocked.Increment(ref abandoned);
                }
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref abandoned);
            }
            catch (OperationCanceledException)
            {
                // Stopped, or the stall ran its course.
            }
        }
    }

    /// <summary>Reads one request (headers and a Content-Length body) and returns its path.</summary>
    private async Task<string> ReadRequestAsync(Socket socket)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int end;
        while ((end = IndexOfBlankLine(received)) < 0)
        {
            var read = await socket.ReceiveAsync(buffer, stopping.Token);
            if (read == 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }
            received.AddRange(buffer.AsSpan(0, read));
        }
        var headers = Encoding.ASCII.GetString([.. received.Take(end)]).Split("\r\n");
        var length = headers.Select(h => h.Split(':', 2)).Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        for (var bodyRead = received.Count - end - 4; bodyRead < length;)
        {
            bodyRead += await socket.ReceiveAsync(buffer, stopping.Token);
        }
        return headers[0].Split(' ')[1];
    }

    private static int IndexOfBlankLine(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }
        return -1;
    }
}
