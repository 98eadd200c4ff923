using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Contracts.Health;
using PerfMonitor.EndToEnd.Tests;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Gateway.Tests;

[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class OverviewTests(SystemFixture system)
{
    [Fact(Timeout = 90_000)]
    public async Task The_overview_is_composed_from_every_source_and_counts_ingest_at_the_gateway()
    {
        var post = await system.Gateway.PostAsJsonAsync("/api/v1/samples", new
        {
            samples = new[] { new { metric = "overview_probe", labels = new Dictionary<string, string> { ["service"] = "overview" }, value = 5.0 } },
        });
        post.EnsureSuccessStatusCode();

        var overview = await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<JsonElement>("/api/v1/overview"),
            body => body.GetProperty("ingestRate").GetProperty("requestsPerSecond").GetDouble() > 0,
            TimeSpan.FromSeconds(20), "an overview that counted the ingest request");

        foreach (var field in new[] { "performanceScore", "systemHealth", "services", "activeAlerts", "recentAnomalies", "recommendations", "sources" })
        {
            Assert.True(overview.TryGetProperty(field, out _), $"overview lacks {field}");
        }
        Assert.Equal("ok", overview.GetProperty("sources").GetProperty("alerts").GetString());
        Assert.Contains(overview.GetProperty("systemHealth").GetString(), new[] { "excellent", "good", "fair", "poor", "unknown" });
    }

    [Fact(Timeout = 120_000)]
    public async Task A_scored_service_carries_analytics_typed_health_fields()
    {
        var service = $"typed{Guid.NewGuid():N}"[..13];
        var samples = new[] { 40.0, 55, 61, 48 }.Select(value => new
        {
            metric = "http_request_duration_ms",
            labels = new Dictionary<string, string> { ["service"] = service, ["status"] = "200" },
            value,
        });
        (await system.Gateway.PostAsJsonAsync("/api/v1/samples", new { samples })).EnsureSuccessStatusCode();

        var overview = await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<JsonElement>("/api/v1/overview"),
            body => body.GetProperty("services").EnumerateArray().Any(s => s.GetProperty("name").GetString() == service),
            TimeSpan.FromSeconds(60), $"the overview to score {service}");
        var scored = overview.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("name").GetString() == service);

        Assert.Equal("ok", overview.GetProperty("sources").GetProperty("health-scores").GetString());
        Assert.Equal(ScoreBands.Of(scored.GetProperty("score").GetDouble()), scored.GetProperty("status").GetString());
        Assert.NotEqual(0, scored.GetProperty("components").GetArrayLength());
        foreach (var component in scored.GetProperty("components").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Number, component.GetProperty("weight").ValueKind);
            Assert.Equal(JsonValueKind.String, component.GetProperty("detail").ValueKind);
        }
    }
}
