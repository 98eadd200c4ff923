using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

[Trait("Category", "System")]
public sealed class PrometheusScrapeTests(ScrapeSystemFixture system) : IClassFixture<ScrapeSystemFixture>
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    [Theory(Timeout = 60_000)]
    [InlineData("up")]
    [InlineData("scrape_duration_seconds")]
    [InlineData("node_load1")]
    [InlineData("node_cpu_seconds_total")]
    [InlineData("go_gc_duration_seconds_count")]
    public async Task A_scraped_node_exporter_reaches_rollups_with_its_job_and_target_labels(string metric)
    {
        var rollup = await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/rollups?metric={metric}&labels=job:{system.Job},env:e2e&step=1m"),
            body => body.GetProperty("points").GetArrayLength() > 0,
            Freshness, $"scraped {metric} in rollups");

        Assert.True(rollup.GetProperty("series").GetInt32() >= 1);
        if (metric == "up")
        {
            Assert.Equal(1.0, rollup.GetProperty("points")[0].GetProperty("min").GetDouble());
        }
    }
}
