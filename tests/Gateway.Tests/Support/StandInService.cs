using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using PerfMonitor.Embedded;

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// A stand-in for the collector, analytics and alerting behind a <see cref="StandaloneGateway"/> (a test double, named as
/// one): it records every request the gateway forwards, headers included, and reads each body to its end before it answers
/// 200 (gRPC: one empty message and status OK), the way a service reads an upload. No real service reports the headers it was sent, which is
/// what the tests that use it check. A <c>wait</c> query parameter (milliseconds) holds the answer that long, as a slow query would.
/// </summary>
public sealed class StandInService : IAsyncDisposable
{
    private static readonly byte[] EmptyGrpcMessage = [0, 0, 0, 0, 0];
    private readonly WebApplication app;
    private int inFlight;

    private StandInService(WebApplication app, int httpPort, int grpcPort)
    {
        this.app = app;
        HttpUrl = new Uri($"http://127.0.0.1:{httpPort}");
        GrpcUrl = new Uri($"http://127.0.0.1:{grpcPort}");
    }

    public Uri HttpUrl { get; }

    public Uri GrpcUrl { get; }

    /// <summary>Forwarded requests by path and query (health probes left out), with the headers they arrived with.</summary>
    public ConcurrentQueue<(string PathAndQuery, IReadOnlyDictionary<string, string> Headers)> Received { get; } = new();

    /// <summary>Requests whose body is still being read.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    public static async Task<StandInService> StartAsync()
    {
        var (httpPort, grpcPort) = (FreePort.Next(), FreePort.Next());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, httpPort);
            kestrel.Listen(IPAddress.Loopback, grpcPort, endpoint => endpoint.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var service = new StandInService(app, httpPort, grpcPort);
        app.Run(service.AnswerAsync);
        await app.StartAsync();
        return service;
    }

    public bool Saw(string pathAndQuery) => Received.Any(r => r.PathAndQuery == pathAndQuery);

    /// <summary>The headers of the latest request to this path and query.</summary>
    public IReadOnlyDictionary<string, string> HeadersOf(string pathAndQuery) =>
        Received.Where(r => r.PathAndQuery == pathAndQuery).Select(r => r.Headers).LastOrDefault()
        ?? throw new InvalidOperationException($"{pathAndQuery} never reached the service");

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path != "/health")
        {
            Received.Enqueue((request.Path + request.QueryString, request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        }
        Interlocked.Increment(ref inFlight);
        try
        {
            await request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }
        catch (Exception error) when (error is OperationCanceledException or IOException)
        {
            return;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
        if (int.TryParse(request.Query["wait"], out var wait))
        {
            try
            {
                await Task.Delay(wait, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            context.Response.ContentType = "application/grpc";
            // One empty message, which every protobuf message type reads as all defaults, so a generated client gets an answer.
            await context.Response.Body.WriteAsync(EmptyGrpcMessage, context.RequestAborted);
            context.Response.AppendTrailer("grpc-status", "0");
            return;
        }
        await context.Response.WriteAsJsonAsync(new { served = true }, context.RequestAborted);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
