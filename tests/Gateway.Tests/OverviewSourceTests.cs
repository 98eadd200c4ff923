using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Contracts.Health;
using PerfMonitor.Embedded;
using PerfMonitor.Gateway.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// The overview asks analytics and alerting with the generated gRPC clients, as the caller, and reads typed answers; the
/// score bands it and the dashboard use are the ones in Contracts. The stand-in answers every gRPC call with an empty
/// message, which a typed client reads as all defaults.
/// </summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class OverviewSourceTests(DefaultGatewayFixture fixture)
{
    private static readonly string[] Calls = ["/perfmon.v1.Query/GetHealthScores", "/perfmon.v1.Query/ListAnomalies", "/perfmon.v1.Alerts/ListAlerts"];

    [Fact(Timeout = 120_000)]
    public async Task The_overview_asks_each_service_over_gRPC_with_the_callers_scopes_and_composes_the_typed_answers()
    {
        using var reader = Client(fixture.Gateway.Url, StandaloneGateway.ReaderKey);

        // A cold gateway's first calls may overrun the overview's per-source budget; that answer is partial, not wrong.
        var overview = await Eventually.GetAsync(
            () => reader.GetFromJsonAsync<JsonElement>("/api/v1/overview"),
            body => body.GetProperty("sources").EnumerateObject().All(source => source.Value.GetString() == "ok"),
            TimeSpan.FromSeconds(30), "every source of the overview to answer");

        foreach (var call in Calls)
        {
            Assert.True(fixture.Services.Saw(call), $"the overview did not call {call}");
            Assert.Equal("read", fixture.Services.HeadersOf(call)["X-PerfMonitor-Scopes"]);
        }
        // Analytics' (empty) answer scores 0, which is the lowest band, not "unknown".
        Assert.Equal(0, overview.GetProperty("performanceScore").GetDouble());
        Assert.Equal(ScoreBands.Of(0), overview.GetProperty("systemHealth").GetString());
        Assert.Equal(0, overview.GetProperty("activeAlerts").GetProperty("count").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_service_that_is_down_leaves_its_part_empty_and_is_named_in_sources()
    {
        // Alerting's gRPC endpoint is a port nothing listens on.
        await using var gateway = await StandaloneGateway.StartAsync(fixture.Services,
            new Dictionary<string, string> { ["services__alerting__grpc__0"] = $"http://127.0.0.1:{FreePort.Next()}" });
        using var reader = Client(gateway.Url, StandaloneGateway.ReaderKey);

        var overview = await Eventually.GetAsync(
            () => reader.GetFromJsonAsync<JsonElement>("/api/v1/overview"),
            body => body.GetProperty("sources").GetProperty("health-scores").GetString() == "ok",
            TimeSpan.FromSeconds(30), "analytics to answer the overview");

        Assert.Equal("alerting unavailable", overview.GetProperty("sources").GetProperty("alerts").GetString());
        Assert.Equal("ok", overview.GetProperty("sources").GetProperty("health-scores").GetString());
        Assert.Equal(0, overview.GetProperty("activeAlerts").GetProperty("items").GetArrayLength());
    }

    [Fact(Timeout = 120_000)]
    public async Task The_score_bands_are_served_from_the_contract_to_a_read_key()
    {
        using var reader = Client(fixture.Gateway.Url, StandaloneGateway.ReaderKey);
        using var anonymous = new HttpClient { BaseAddress = fixture.Gateway.Url };

        var served = await reader.GetFromJsonAsync<JsonElement>("/api/v1/score-bands");
        using var refused = await anonymous.GetAsync("/api/v1/score-bands");

        Assert.Equal(
            ScoreBands.All.Select(band => (band.Name, band.Minimum)),
            served.GetProperty("bands").EnumerateArray().Select(band => (band.GetProperty("name").GetString()!, band.GetProperty("minimum").GetDouble())));
        Assert.Equal(ScoreBands.Unknown, served.GetProperty("unknown").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static HttpClient Client(Uri gateway, string key)
    {
        var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
