using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Collectors.Http;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Embedded;

namespace PerfMonitor.Collector.Tests;

public sealed class HttpProbeCollectorTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_probe_records_up_status_and_latency_and_a_refused_target_is_down()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();
        app.MapGet("/ok", () => Results.Ok("fine"));
        app.MapGet("/broken", () => Results.StatusCode(StatusCodes.Status500InternalServerError));
        await app.StartAsync();
        var options = new HttpProbeOptions
        {
            Targets =
            [
                new() { Name = "ok", Url = new Uri($"http://127.0.0.1:{port}/ok") },
                new() { Name = "broken", Url = new Uri($"http://127.0.0.1:{port}/broken") },
                new() { Name = "refused", Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/") },
            ],
        };
        using var collector = new HttpProbeCollector(null!, TimeProvider.System, Options.Create(options), NullLogger<HttpProbeCollector>.Instance);

        var samples = await collector.CollectOnceAsync(CancellationToken.None);

        double Value(string metric, string target) =>
            samples.Single(s => s.Metric == metric && s.Labels.Any(l => l.Name == "target" && l.Value == target)).Value;
        Assert.Equal(1, Value("probe_up", "ok"));
        Assert.Equal(200, Value("probe_http_status_code", "ok"));
        Assert.InRange(Value("probe_duration_ms", "ok"), 0.001, 10_000);
        Assert.Equal(0, Value("probe_up", "broken"));
        Assert.Equal(500, Value("probe_http_status_code", "broken"));
        Assert.Equal(0, Value("probe_up", "refused"));
        Assert.Equal(0, Value("probe_http_status_code", "refused"));
        Assert.All(samples, s => Assert.Contains(s.Labels, l => l.Name == "source" && l.Value == "http_probe"));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_probe_whose_body_never_ends_or_stalls_is_down_with_the_reason_logged()
    {
        await using var target = await MisbehavingTarget.StartAsync();
        var options = new HttpProbeOptions
        {
            Timeout = TimeSpan.FromSeconds(2),
            MaxBodyBytes = 1 << 20,
            Targets = [new() { Name = "endless", Url = target.Endless }, new() { Name = "stalled", Url = target.Stalled }],
        };
        var logger = new FakeLogger<HttpProbeCollector>();
        using var collector = new HttpProbeCollector(null!, TimeProvider.System, Options.Create(options), logger);

        var samples = await collector.CollectOnceAsync(CancellationToken.None);

        double Value(string metric, string name) =>
            samples.Single(s => s.Metric == metric && s.Labels.Any(l => l.Name == "target" && l.Value == name)).Value;
        Assert.Equal((0, 200), (Value("probe_up", "endless"), Value("probe_http_status_code", "endless")));
        Assert.Equal((0, 200), (Value("probe_up", "stalled"), Value("probe_http_status_code", "stalled")));
        var logged = logger.Collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.Contains(logged, m => m.Contains(target.Endless.ToString()) && m.Contains("the body is larger than 1048576 bytes (Collector:Collectors:HttpProbes:MaxBodyBytes)"));
        Assert.Contains(logged, m => m.Contains(target.Stalled.ToString()) && m.Contains("timed out after 00:00:02"));
    }
}
