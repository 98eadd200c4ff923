using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.EndToEnd.Tests;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Gateway.Tests;

[Collection(SystemCollection.Name)]
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
}
