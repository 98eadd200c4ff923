using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerfMonitor.Embedded;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>
/// An HTTP server on a free loopback port whose answers never finish: <c>/endless</c> streams a metrics page that goes
/// on for ever (comment lines, as fast as the client reads), <c>/stalled</c> sends the headers and one line and then
/// nothing more. Both stop when the client goes away.
/// </summary>
public sealed class MisbehavingTarget : IAsyncDisposable
{
    private readonly WebApplication app;

    private MisbehavingTarget(WebApplication app, int port)
    {
        this.app = app;
        Endless = new Uri($"http://127.0.0.1:{port}/endless");
        Stalled = new Uri($"http://127.0.0.1:{port}/stalled");
    }

    public Uri Endless { get; }

    public Uri Stalled { get; }

    public static async Task<MisbehavingTarget> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var filler = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("# a page that never ends\n", 2_000)));
        app.MapGet("/endless", async (HttpResponse response, CancellationToken aborted) =>
        {
            response.ContentType = "text/plain; version=0.0.4";
            while (!aborted.IsCancellationRequested)
            {
                await response.Body.WriteAsync(filler, aborted);
            }
        });
        app.MapGet("/stalled", async (HttpResponse response, CancellationToken aborted) =>
        {
            response.ContentType = "text/plain; version=0.0.4";
            await response.WriteAsync("# HELP stalled_metric and then nothing more\n", aborted);
            await response.Body.FlushAsync(aborted);
            await Task.Delay(Timeout.InfiniteTimeSpan, aborted);
        });
        await app.StartAsync();
        return new MisbehavingTarget(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
