using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Contracts;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class AnalyticsCrashTests(SystemFixture system)
{
    [Fact(Timeout = 180_000)]
    public async Task Killing_analytics_mid_stream_neither_loses_nor_double_counts_a_sample()
    {
        var service = $"crash{Guid.NewGuid():N}"[..14];
        var now = DateTimeOffset.UtcNow;
        var analytics = system.App.Service(ResourceNames.Analytics);
        var sent = 0;
        for (var batch = 0; batch < 20; batch++)
        {
            if (batch == 6)
            {
                analytics.Kill();
            }
            var samples = Enumerable.Range(0, 250).Select(i => new
            {
                metric = "crash_test_ms",
                labels = new Dictionary<string, string> { ["service"] = service, ["shard"] = (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                value = (double)i,
                timestamp = now,
            });
            var post = await system.Gateway.PostAsJsonAsync("/api/v1/samples", new { samples });
            Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
            sent += (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32();
            await Task.Delay(100);
        }
        await analytics.WaitHealthyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);

        async Task<long> CountAsync()
        {
            var response = await system.Gateway.GetAsync($"/api/v1/rollups?metric=crash_test_ms&labels=service:{service}&agg=count");
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64())
                : -1;
        }
        var counted = await Eventually.GetAsync(CountAsync, c => c >= sent, TimeSpan.FromSeconds(60), $"{sent} samples counted after the restart");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(5_000, sent);
        Assert.Equal(sent, counted);
        Assert.Equal(sent, await CountAsync());
    }
}
