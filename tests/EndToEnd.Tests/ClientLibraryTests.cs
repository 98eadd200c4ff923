using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfMonitor.Client;
using PerfMonitor.Embedded;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class ClientLibraryTests(SystemFixture system)
{
    [Fact(Timeout = 90_000)]
    public async Task An_app_using_the_client_library_has_its_requests_and_timings_in_rollups()
    {
        var service = $"app{Guid.NewGuid():N}"[..11];
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddPerfMonitorClient(options =>
        {
            options.Endpoint = system.App.GatewayGrpcUrl;
            options.ApiKey = system.App.ApiKey;
            options.ServiceName = service;
            options.FlushInterval = TimeSpan.FromMilliseconds(200);
        });
        await using (var app = builder.Build())
        {
            app.UsePerfMonitorRequestMetrics();
            app.MapGet("/orders/{id}", (int id, PerfMonitorRecorder monitor) =>
            {
                using (monitor.Time("load-order"))
                {
                    monitor.Count("orders_viewed");
                }
                return Results.Ok(id);
            });
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            for (var i = 0; i < 5; i++)
            {
                (await http.GetAsync($"/orders/{i}")).EnsureSuccessStatusCode();
            }
            await app.StopAsync();
        }

        var requests = await CountAsync($"http_request_duration_ms&labels=service:{service},route:/orders/{{id}},status:200", 5);
        var timings = await CountAsync($"operation_duration_ms&labels=service:{service},operation:load-order", 5);
        Assert.Equal((5, 5), (requests, timings));
    }

    private async Task<long> CountAsync(string query, long expected)
    {
        var body = await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/rollups?metric={query}"),
            b => b.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64()) >= expected,
            TimeSpan.FromSeconds(20), query);
        return body.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64());
    }
}
