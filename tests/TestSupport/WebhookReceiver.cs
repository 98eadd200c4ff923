using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerfMonitor.Embedded;

namespace PerfMonitor.TestSupport;

/// <summary>A real HTTP receiver on a free loopback port that records every webhook it is sent.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<(DateTimeOffset ReceivedAt, IHeaderDictionary Headers, JsonElement Body)> Received { get; } = new();

    /// <summary>The status code answered to the next requests; 200 unless a test makes the receiver fail.</summary>
    public int ResponseStatus { get; set; } = StatusCodes.Status200OK;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new Uri($"http://127.0.0.1:{port}/hook"));
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            if (receiver.ResponseStatus < 300)
            {
                receiver.Received.Enqueue((DateTimeOffset.UtcNow, request.Headers, body));
            }
            return Results.StatusCode(receiver.ResponseStatus);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
