using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.EndToEnd.Tests;
using PerfMonitor.Gateway.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// The examples docs/api.md gives, against the whole system: a read key as Bearer gets analytics' PromQL answer through
/// the gateway, and Debian's promtool runs instant and range queries with the key as the server URL's password.
/// </summary>
[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class PromQLThroughGatewayTests(SystemFixture system)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(120);

    [Fact(Timeout = 300_000)]
    public async Task A_sample_sent_through_the_gateway_is_answered_by_curl_style_Bearer_and_by_promtool()
    {
        var run = Guid.NewGuid().ToString("N");
        var selector = $"gateway_promql_probe{{run=\"{run}\"}}";
        using var ingester = Client(system.IngesterKey);
        var post = await ingester.PostAsJsonAsync("/api/v1/samples", new
        {
            samples = new[] { new { metric = "gateway_promql_probe", labels = new Dictionary<string, string> { ["run"] = run }, value = 42 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);

        using var reader = Client(system.ReaderKey);
        var instant = await Eventually.GetAsync(
            () => reader.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString(selector)}"),
            body => body.GetProperty("data").GetProperty("result").GetArrayLength() > 0, Arrival, $"{selector} by PromQL");
        var server = Promtool.Server(system.App.GatewayUrl, system.ReaderKey);
        // The range ends a step after now: the sample was stamped on arrival, possibly later in this very
        // second than now truncated to seconds, and a range query sees nothing after its end.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var promtoolInstant = await Promtool.RunAsync("query", "instant", server, selector);
        var promtoolRange = await Promtool.RunAsync("query", "range",
            $"--start={(now - 600).ToString(CultureInfo.InvariantCulture)}", $"--end={(now + 60).ToString(CultureInfo.InvariantCulture)}", "--step=1m", server, selector);

        Assert.Equal("success", instant.GetProperty("status").GetString());
        Assert.Equal("42", instant.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString());
        Assert.True(promtoolInstant.ExitCode == 0, promtoolInstant.Output);
        Assert.Contains("=> 42 @", promtoolInstant.Output);
        Assert.True(promtoolRange.ExitCode == 0, promtoolRange.Output);
        Assert.Contains("42 @", promtoolRange.Output);
    }

    private HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = system.App.GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
