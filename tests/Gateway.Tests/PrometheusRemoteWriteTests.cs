using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.EndToEnd.Tests;
using PerfMonitor.Gateway.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// Debian's Prometheus 2.42 remote-writes to the gateway with its credentials in the only forms it sends them (it drops
/// custom headers:), with the config docs/ingest.md gives, and what it scraped shows in the rollups.
/// </summary>
[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class PrometheusRemoteWriteTests(SystemFixture system)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(120);

    [Fact(Timeout = 240_000)]
    public Task Remote_write_with_authorization_credentials_reaches_the_rollups() =>
        ReachesTheRollupsAsync($"""
            authorization:
              credentials: "{system.IngesterKey}"
            """);

    [Fact(Timeout = 240_000)]
    public Task Remote_write_with_basic_auth_and_the_key_as_password_reaches_the_rollups() =>
        ReachesTheRollupsAsync($"""
            basic_auth:
              username: prometheus
              password: "{system.IngesterKey}"
            """);

    private async Task ReachesTheRollupsAsync(string credentials)
    {
        await using var prometheus = await PrometheusRemoteWriter.StartAsync(system.App.GatewayUrl, credentials);

        // Prometheus's own "up" series for its self-scrape, always 1, labelled with this run.
        var rollups = await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/rollups?metric=up&labels={PrometheusRemoteWriter.RunLabel}:{prometheus.Run}&step=1m"),
            body => body.GetProperty("points").GetArrayLength() > 0,
            Arrival, $"remote-written samples of run {prometheus.Run}; Prometheus said:{Environment.NewLine}{prometheus.Output}");

        Assert.Equal(1, rollups.GetProperty("series").GetInt32());
        Assert.All(rollups.GetProperty("points").EnumerateArray(), point => Assert.Equal(1, point.GetProperty("max").GetDouble()));
        // Batches may still be refused in part (400: Prometheus's empty summaries are NaN, which the collector refuses), never for the key.
        Assert.DoesNotContain("401 Unauthorized", prometheus.Output);
    }
}
