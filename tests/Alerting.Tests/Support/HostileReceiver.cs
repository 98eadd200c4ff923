using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// A real loopback receiver that answers with headers and then misbehaves with the body: <c>/endless</c> streams bytes
/// until the caller hangs up, <c>/stall</c> sends nothing more for minutes. The status code is the last path segment.
/// </summary>
public sealed class HostileReceiver : IAsyncDisposable
{
    private static readonly TimeSpan StallFor = TimeSpan.FromMinutes(2);

    private readonly WebApplication app;
    private long bytesWritten;
    private int requests;
    private int abandoned;

    private HostileReceiver(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string EndlessUrl(int status = 200) => $"{BaseUrl}/endless/{status}";

    public string StallUrl(int status = 200) => $"{BaseUrl}/stall/{status}";

    /// <summary>Body bytes the caller took before it hung up (at most this plus the socket buffers).</summary>
    public long BytesWritten => Interlocked.Read(ref bytesWritten);

    public int Requests => Volatile.Read(ref requests);

    /// <summary>Responses the caller hung up on before their body ended.</summary>
    public int Abandoned => Volatile.Read(ref abandoned);

    public static async Task<HostileReceiver> StartAsync()
    {
        var (app, baseUrl) = LoopbackApp.Create();
        var receiver = new HostileReceiver(app, baseUrl);
        app.MapPost("/endless/{status:int}", (HttpContext context, int status) => receiver.AnswerAsync(context, status, endless: true));
        app.MapPost("/stall/{status:int}", (HttpContext context, int status) => receiver.AnswerAsync(context, status, endless: false));
        await app.StartAsync();
        return receiver;
    }

    private async Task AnswerAsync(HttpContext context, int status, bool endless)
    {
        Interlocked.Increment(ref requests);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        var chunk = new byte[16 * 1024];
        Array.Fill(chunk, (byte)'x');
        try
        {
            if (!endless)
            {
                await Task.Delay(StallFor, context.RequestAborted);
                return;
            }
            // Kestrel swallows writes after the caller hung up, so the loop watches for that itself.
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                Interlocked.Add(ref bytesWritten, chunk.Length);
            }
            Interlocked.Increment(ref abandoned);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            Interlocked.Increment(ref abandoned);
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
