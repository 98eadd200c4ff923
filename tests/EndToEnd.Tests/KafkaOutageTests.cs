using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Contracts;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

/// <summary>
/// Nothing the collector acknowledged is lost or counted twice: not when the Kafka broker goes away mid-stream,
/// not when the collector is killed (SIGKILL) holding spooled samples.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "System")]
public sealed class KafkaOutageTests(FaultSystemFixture system)
{
    private const int SamplesPerRequest = 25;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    [Fact(Timeout = 240_000)]
    public async Task Samples_posted_while_the_broker_is_down_are_counted_exactly_once_after_it_returns()
    {
        var kafka = system.App.Kafka;
        var restarts = system.App.Service(ResourceNames.Collector).Restarts;
        var run = Run();
        var acknowledged = 0;
        var health = new List<HttpStatusCode>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                acknowledged += await PostAsync(run, i);
            }

            await kafka.SetDownAsync();
            for (var i = 0; i < 8; i++)
            {
                acknowledged += await PostAsync(run, 100 + i);
                health.Add((await system.Collector.GetAsync("/health")).StatusCode);
            }
        }
        finally
        {
            await kafka.SetUpAsync();
        }
        for (var i = 0; i < 4; i++)
        {
            acknowledged += await PostAsync(run, 200 + i);
        }

        Assert.Equal(16 * SamplesPerRequest, acknowledged);
        Assert.All(health, status => Assert.Equal(HttpStatusCode.OK, status));
        await AssertCountedExactlyOnceAsync(run, acknowledged);
        Assert.Equal(restarts, system.App.Service(ResourceNames.Collector).Restarts);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_collector_killed_with_spooled_samples_replays_them_after_its_restart()
    {
        var kafka = system.App.Kafka;
        var collector = system.App.Service(ResourceNames.Collector);
        var run = Run();
        var acknowledged = 0;
        try
        {
            acknowledged += await PostAsync(run, 0);
            await kafka.SetDownAsync();
            for (var i = 0; i < 6; i++)
            {
                acknowledged += await PostAsync(run, 100 + i);
            }

            var restarts = collector.Restarts;
            collector.Kill();
            await WaitAsync(() => collector.Restarts > restarts, TimeSpan.FromSeconds(30), "the supervisor to notice the kill");
            await collector.WaitHealthyAsync(TimeSpan.FromSeconds(90), CancellationToken.None);

            // Still down: the restarted collector is ready and accepts into its spool.
            for (var i = 0; i < 3; i++)
            {
                acknowledged += await PostAsync(run, 200 + i);
            }
        }
        finally
        {
            await kafka.SetUpAsync();
        }

        Assert.Equal(10 * SamplesPerRequest, acknowledged);
        await AssertCountedExactlyOnceAsync(run, acknowledged);
    }

    [Fact(Timeout = 240_000)]
    public async Task A_full_spool_answers_503_with_Retry_After_and_what_it_acknowledged_is_still_counted_once()
    {
        var kafka = system.App.Kafka;
        var run = Run();
        var acknowledged = 0;
        HttpResponseMessage? refused = null;
        try
        {
            await kafka.SetDownAsync();
            for (var i = 0; i < 40 && refused is null; i++)
            {
                var response = await system.Collector.PostAsJsonAsync("/api/v1/samples", new { samples = Samples(run, i, 2_000) });
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    acknowledged += (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32();
                    response.Dispose();
                }
                else
                {
                    refused = response;
                }
            }
        }
        finally
        {
            await kafka.SetUpAsync();
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 must carry Retry-After");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        Assert.True(acknowledged > 0, "the spool took some requests before it filled");
        await AssertCountedExactlyOnceAsync(run, acknowledged);
        // Drained, it accepts again.
        Assert.Equal(SamplesPerRequest, await PostAsync(run, 999));
    }

    private static string Run() => $"r{Guid.NewGuid():N}"[..12];

    /// <summary>Posts one request through the gateway; returns how many samples it acknowledged.</summary>
    private async Task<int> PostAsync(string run, int request)
    {
        using var response = await system.Gateway.PostAsJsonAsync("/api/v1/samples", new { samples = Samples(run, request, SamplesPerRequest) });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32();
    }

    private static List<object> Samples(string run, int request, int count) => Enumerable.Range(0, count).Select(i => (object)new
    {
        metric = "fault_test_requests",
        labels = new Dictionary<string, string> { ["run"] = run, ["shard"] = (i % 5).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        value = request * 10_000 + i,
    }).ToList();

    private async Task AssertCountedExactlyOnceAsync(string run, int acknowledged)
    {
        await Eventually.GetAsync(() => CountAsync(run), count => count >= acknowledged, Settle, $"{acknowledged} samples counted in rollups");
        // Late duplicates (a replay of something Kafka already had) would show up after the count first matched.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(acknowledged, await CountAsync(run));
    }

    private async Task<long> CountAsync(string run)
    {
        var body = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/rollups?metric=fault_test_requests&labels=run:{run}&step=1m");
        return body.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64());
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}");
            }
        }
    }
}
