using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

/// <summary>The collector watches its own surroundings out of the box: host, PostgreSQL and Kafka consumer lag reach rollups.</summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "System")]
public sealed class BuiltInCollectorsTests(FaultSystemFixture system)
{
    [Theory(Timeout = 90_000)]
    [InlineData("host_memory_usage_percent", "source:host")]
    [InlineData("host_cpu_seconds_total", "mode:user")]
    [InlineData("postgres_pool_utilization_percent", "source:postgres")]
    [InlineData("kafka_consumer_group_lag", "group:analytics")]
    public async Task A_built_in_collector_metric_shows_up_in_rollups(string metric, string labels)
    {
        var rollup = await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/rollups?metric={metric}&labels={labels}&step=1m"),
            body => body.GetProperty("points").GetArrayLength() > 0,
            TimeSpan.FromSeconds(60), $"{metric}{{{labels}}} in rollups");

        Assert.True(rollup.GetProperty("points")[0].GetProperty("count").GetInt64() > 0);
    }
}
