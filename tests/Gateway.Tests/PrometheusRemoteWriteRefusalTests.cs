using PerfMonitor.Gateway.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// Debian's Prometheus 2.42 remote-writing to a gateway in front of a stand-in service: without the right key every
/// write is answered 401 and nothing reaches the service; with it, writes are forwarded without the credentials.
/// </summary>
[Trait("Category", "System")]
public sealed class PrometheusRemoteWriteRefusalTests(UnlimitedFailuresFixture fixture) : IClassFixture<UnlimitedFailuresFixture>
{
    private const string WrongKey = "pm_wrong_0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static readonly TimeSpan Attempts = TimeSpan.FromSeconds(90);

    public static TheoryData<string> Refused => new()
    {
        "",
        $"""
        authorization:
          credentials: "{WrongKey}"
        """,
        $"""
        basic_auth:
          username: prometheus
          password: "{WrongKey}"
        """,
        // An ingest key's name is not the key.
        """
        basic_auth:
          username: ingester
        """,
    };

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Refused))]
    public async Task Remote_write_without_the_right_key_is_refused_with_401_and_forwards_nothing(string credentials)
    {
        var before = Writes();
        await using var prometheus = await PrometheusRemoteWriter.StartAsync(fixture.Gateway.Url, credentials);

        await Eventually.GetAsync(() => prometheus.CounterAsync("prometheus_remote_storage_samples_failed_total"), failed => failed > 0, Attempts,
            $"Prometheus to give up on a batch; it said:{Environment.NewLine}{prometheus.Output}");

        Assert.Contains("401 Unauthorized", prometheus.Output);
        Assert.Equal(before, Writes());
    }

    [Fact(Timeout = 180_000)]
    public async Task Remote_write_with_the_key_is_forwarded_without_the_credentials()
    {
        var before = Writes();
        await using var prometheus = await PrometheusRemoteWriter.StartAsync(fixture.Gateway.Url, $"""
            authorization:
              credentials: "{StandaloneGateway.IngesterKey}"
            """);

        await Eventually.GetAsync(() => Task.FromResult(Writes()), writes => writes > before, Attempts,
            $"a remote write to reach the service; Prometheus said:{Environment.NewLine}{prometheus.Output}");
        var forwarded = fixture.Services.HeadersOf("/api/v1/write");

        Assert.False(forwarded.ContainsKey("Authorization"));
        Assert.Equal("ingest", forwarded["X-PerfMonitor-Scopes"]);
    }

    private int Writes() => fixture.Services.Received.Count(request => request.PathAndQuery == "/api/v1/write");
}
