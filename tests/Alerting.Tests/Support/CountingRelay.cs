using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// Passes Prometheus HTTP API queries on to a real query API and counts them by expression, so a test sees which replica
/// asked. Not a stand-in: every answer is the target's.
/// </summary>
public sealed class CountingRelay : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient target = new();
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    private CountingRelay(WebApplication app, string url, Func<Uri> targetUrl)
    {
        this.app = app;
        Url = url;
        app.MapGet("/api/v1/query", async (HttpContext context) =>
        {
            counts.AddOrUpdate(context.Request.Query["query"].ToString(), 1, (_, n) => n + 1);
            using var answer = await target.GetAsync(new Uri(targetUrl(), "/api/v1/query" + context.Request.QueryString), context.RequestAborted);
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
            await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
    }

    public string Url { get; }

    public int Count(string query) => counts.GetValueOrDefault(query);

    public static async Task<CountingRelay> StartAsync(Func<Uri> targetUrl)
    {
        var (app, baseUrl) = LoopbackApp.Create();
        var relay = new CountingRelay(app, baseUrl, targetUrl);
        await app.StartAsync();
        return relay;
    }

    public async ValueTask DisposeAsync()
    {
        target.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
