using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
    private TaskCompletionSource held = Released();

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

    /// <summary>Requests from now on stall after they are recorded, until <see cref="Release"/> (or a minute, so no test hangs).</summary>
    public void Hold() => held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => held.TrySetResult();

    public void FailNext(int count, int status = 500)
    {
        failureStatus = status;
        Volatile.Write(ref failuresLeft, count);
    }

    public sealed record Received(DateTimeOffset At, string? IdempotencyKey, string? Signature, string? Event, string Body);

    public static async Task<TestReceiver> StartAsync()
    {
        var (app, baseUrl) = LoopbackApp.Create();
        var receiver = new TestReceiver(app, baseUrl);
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
        await held.Task.WaitAsync(TimeSpan.FromMinutes(1)).ContinueWith(_ => { }, TaskScheduler.Default);
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

    public async ValueTask DisposeAsync()
    {
        Release();
        await app.DisposeAsync();
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource();
        released.SetResult();
        return released;
    }
}
