using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerfMonitor.Embedded;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// A real HTTP receiver on loopback whose behaviour a test steers: fail the next N requests, answer slowly, or answer
/// with a fixed status. Records every request and, separately, the ones it accepted.
/// </summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int failuresLeft;
    private int failureStatus = 500;

    private TestReceiver(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string Url => BaseUrl + "/hook";

    public ConcurrentQueue<Received> Requests { get; } = new();

    public ConcurrentQueue<Received> Accepted { get; } = new();

    public int Status { get; set; } = 200;

    public TimeSpan Delay { get; set; }

    public void FailNext(int count, int status = 500)
    {
        failureStatus = status;
        Volatile.Write(ref failuresLeft, count);
    }

    public sealed record Received(DateTimeOffset At, string? IdempotencyKey, string? Signature, string? Event, string Body);

    public static async Task<TestReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new TestReceiver(app, $"http://127.0.0.1:{port}");
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var received = new Received(DateTimeOffset.UtcNow, request.Headers["Idempotency-Key"], request.Headers["X-PerfMonitor-Signature"],
            request.Headers["X-PerfMonitor-Event"], await reader.ReadToEndAsync());
        Requests.Enqueue(received);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }
        if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            return Results.StatusCode(failureStatus);
        }
        Interlocked.Exchange(ref failuresLeft, 0);
        if (Status >= 300)
        {
            return Results.StatusCode(Status);
        }
        Accepted.Enqueue(received);
        return Results.Ok();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
