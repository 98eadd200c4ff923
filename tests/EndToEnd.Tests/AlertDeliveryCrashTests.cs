using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerfMonitor.Contracts;
using PerfMonitor.Embedded;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

[Trait("Category", "System")]
public sealed class AlertDeliveryCrashTests(AlertingSystemFixture system) : IClassFixture<AlertingSystemFixture>
{
    [Fact(Timeout = 180_000)]
    public async Task Killing_alerting_in_the_middle_of_deliveries_loses_no_notification()
    {
        var slow = true;
        var accepted = new ConcurrentQueue<string>();
        var requests = 0;
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref requests);
            if (Volatile.Read(ref slow))
            {
                await Task.Delay(TimeSpan.FromSeconds(4));
            }
            accepted.Enqueue(request.Headers["Idempotency-Key"].ToString());
            return Results.Ok();
        });
        await receiver.StartAsync();
        var service = $"crash{Guid.NewGuid():N}"[..12];
        var rule = await system.Gateway.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Crash test",
            metric = "queue_depth",
            labels = new Dictionary<string, string> { ["service"] = service },
            aggregation = "max",
            window = "1m",
            condition = "greater_than",
            threshold = 100,
            webhookUrl = $"http://127.0.0.1:{port}/hook",
        });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        var ruleId = (await rule.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var post = await system.Gateway.PostAsJsonAsync("/api/v1/samples", new
        {
            samples = Enumerable.Range(0, 5).Select(i => new
            {
                metric = "queue_depth",
                labels = new Dictionary<string, string> { ["service"] = service, ["queue"] = $"q{i}" },
                value = 500,
            }),
        });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        await Eventually.GetAsync(() => Task.FromResult(Volatile.Read(ref requests)), r => r > 0, TimeSpan.FromSeconds(30), "a delivery in flight");

        var alerting = system.App.Service(ResourceNames.Alerting);
        var restartsBefore = alerting.Restarts;
        alerting.Kill();
        Volatile.Write(ref slow, false);
        await alerting.WaitHealthyAsync(TimeSpan.FromSeconds(90), CancellationToken.None);

        var log = await Eventually.GetAsync(
            () => DeliveryLogAsync(ruleId!),
            n => n!.Count == 5 && n.All(x => x.GetProperty("status").GetString() == "delivered"), TimeSpan.FromSeconds(60), "all five delivered");
        var keys = log!.Select(n => n.GetProperty("id").GetString()).ToHashSet();

        Assert.Equal(5, keys.Count);
        Assert.True(keys.SetEquals(accepted.Distinct()), $"accepted {string.Join(",", accepted)}");
        Assert.Equal(restartsBefore + 1, alerting.Restarts);
    }

    /// <summary>The rule's delivery log; empty while the gateway still answers 503 for the restarted service.</summary>
    private async Task<List<JsonElement>> DeliveryLogAsync(string ruleId)
    {
        using var response = await system.Gateway.GetAsync($"/api/v1/notifications?ruleId={ruleId}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<List<JsonElement>>())! : [];
    }
}
