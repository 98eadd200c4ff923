using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class AnalyticsQueriesTests(SystemFixture system)
{
    [Fact(Timeout = 90_000)]
    public async Task Percentiles_series_summary_and_health_come_back_through_the_gateway()
    {
        var service = $"e2e{Guid.NewGuid():N}"[..12];
        var now = DateTimeOffset.UtcNow;
        var fast = Enumerable.Range(1, 90).Select(i => (Route: "/fast", Status: "200", Value: (double)i));
        var slow = Enumerable.Range(1, 10).Select(i => (Route: "/slow", Status: i <= 5 ? "500" : "200", Value: 1000.0 + (i * 100)));
        var requests = fast.Concat(slow).ToList();
        var samples = requests.Select(r => (object)new
        {
            metric = "http_request_duration_ms",
            labels = new Dictionary<string, string> { ["service"] = service, ["route"] = r.Route, ["status"] = r.Status },
            value = r.Value,
            timestamp = now,
        }).Append(new { metric = "db_pool_utilization_percent", labels = new Dictionary<string, string> { ["service"] = service }, value = 91.0, timestamp = now });

        var post = await system.Gateway.PostAsJsonAsync("/api/v1/samples", new { samples });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);

        var rollup = await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/rollups?metric=http_request_duration_ms&labels=service:{service}&agg=p95"),
            body => body.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64()) == requests.Count,
            TimeSpan.FromSeconds(20), "100 requests in the rollups");
        var sorted = requests.Select(r => r.Value).Order().ToArray();
        var exactP95 = sorted[(int)Math.Floor(0.95 * (sorted.Length - 1))];
        var point = rollup.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("count").GetInt64() > 0);
        Assert.InRange(point.GetProperty("p95").GetDouble(), exactP95 * 0.99, exactP95 * 1.01);
        Assert.Equal(point.GetProperty("p95").GetDouble(), point.GetProperty("value").GetDouble());
        Assert.Equal("1m", rollup.GetProperty("step").GetString());

        var series = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/series?metric=http_request_duration_ms&labels=service:{service}");
        Assert.Equal(3, series.GetProperty("count").GetInt32());

        var summary = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/performance/summary?service={service}&hours=1");
        Assert.Equal(100, summary.GetProperty("requestsTotal").GetInt64());
        Assert.Equal(0.05, summary.GetProperty("errorRate").GetDouble(), 6);
        Assert.Equal(91.0, summary.GetProperty("database").GetProperty("poolUtilizationPercent").GetDouble());

        var health = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/health-scores?service={service}");
        var scored = health.GetProperty("services").EnumerateArray().Single();
        Assert.Contains(scored.GetProperty("recommendations").EnumerateArray(), r => r.GetString()!.Contains("pool utilization 91%", StringComparison.Ordinal));
        Assert.Contains(scored.GetProperty("status").GetString(), new[] { "excellent", "good", "fair", "poor" });

        var bad = await system.Gateway.GetAsync("/api/v1/rollups?metric=http_request_duration_ms&step=2m");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Equal("step", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}
