using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// A webhook receiver on a fixed loopback port that starts down, refusing connections or answering 503 (see
/// <see cref="ReceiverDown"/>), and comes back on the same port. While it refuses, a socket bound to the port without
/// listening holds it: a connection to it is refused, and the port is not handed to another test's server meanwhile.
/// </summary>
public sealed class OutageReceiver : IAsyncDisposable
{
    private readonly string baseUrl;
    private Socket? placeholder;
    private WebApplication? app;
    private int unavailable;
    private volatile bool up;

    private OutageReceiver(Socket placeholder)
    {
        this.placeholder = placeholder;
        baseUrl = $"http://127.0.0.1:{((IPEndPoint)placeholder.LocalEndPoint!).Port}";
    }

    public string Url => baseUrl + "/hook";

    /// <summary>The requests it answered 200, in the order they arrived.</summary>
    public ConcurrentQueue<TestReceiver.Received> Accepted { get; } = new();

    /// <summary>The requests it answered 503 while down.</summary>
    public int Unavailable => Volatile.Read(ref unavailable);

    public static async Task<OutageReceiver> StartDownAsync(ReceiverDown down)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var receiver = new OutageReceiver(socket);
        if (down == ReceiverDown.Unavailable)
        {
            await receiver.ListenAsync();
        }
        return receiver;
    }

    /// <summary>Serves requests again, on the port it went down from.</summary>
    public async Task ComeBackAsync()
    {
        up = true;
        if (app is null)
        {
            await ListenAsync();
        }
    }

    private async Task ListenAsync()
    {
        placeholder?.Dispose();
        placeholder = null;
        app = LoopbackApp.Create(baseUrl);
        app.MapPost("/{**path}", HandleAsync);
        await app.StartAsync();
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        if (!up)
        {
            Interlocked.Increment(ref unavailable);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        using var reader = new StreamReader(request.Body);
        Accepted.Enqueue(new TestReceiver.Received(DateTimeOffset.UtcNow, request.Headers["Idempotency-Key"], request.Headers["X-PerfMonitor-Signature"],
            request.Headers["X-PerfMonitor-Event"], await reader.ReadToEndAsync()));
        return Results.Ok();
    }

    public async ValueTask DisposeAsync()
    {
        placeholder?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
