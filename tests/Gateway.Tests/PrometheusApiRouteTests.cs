using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PerfMonitor.Gateway.Tests.Support;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// Prometheus's HTTP API goes to analytics under the read scope, by GET and by form POST (a POST there only reads), the
/// way Grafana and promtool call it. The stand-in behind the gateway shows what was forwarded.
/// </summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class PrometheusApiRouteTests(DefaultGatewayFixture fixture)
{
    private readonly StandInService services = fixture.Services;
    private readonly StandaloneGateway gateway = fixture.Gateway;

    public static TheoryData<string, string> Routes()
    {
        var routes = new TheoryData<string, string>();
        foreach (var path in new[] { "/api/v1/query", "/api/v1/query_range", "/api/v1/series", "/api/v1/labels", "/api/v1/label/job/values", "/api/v1/metadata", "/api/v1/status/buildinfo" })
        {
            routes.Add("GET", path);
            routes.Add("POST", path);
        }
        return routes;
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Routes))]
    public async Task A_read_key_reaches_analytics_by_GET_and_form_POST(string method, string path)
    {
        var probe = $"{path}?probe={Guid.NewGuid():N}";

        using var response = await SendAsync(method, probe, StandaloneGateway.ReaderKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("analytics", response.Headers.GetValues("X-PerfMonitor-Service").Single());
        Assert.True(services.Saw(probe), $"{method} {probe} did not reach the service");
        Assert.Equal("read", services.HeadersOf(probe)["X-PerfMonitor-Scopes"]);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Routes))]
    public async Task An_ingest_only_key_is_refused_and_nothing_is_forwarded(string method, string path)
    {
        var probe = $"{path}?probe={Guid.NewGuid():N}";

        using var response = await SendAsync(method, probe, StandaloneGateway.IngesterKey);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("read", problem.GetProperty("requiredScope").GetString());
        Assert.False(services.Saw(probe));
    }

    [Theory(Timeout = 120_000)]
    [InlineData("Bearer")]
    [InlineData("Basic")]
    public async Task Grafanas_credentials_reach_the_query_API(string scheme)
    {
        var probe = $"/api/v1/query_range?probe={Guid.NewGuid():N}";
        using var client = new HttpClient { BaseAddress = gateway.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme,
            scheme == "Basic" ? BasicCredentials.Encode("grafana", StandaloneGateway.ReaderKey) : StandaloneGateway.ReaderKey);

        using var response = await client.PostAsync(probe, Form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(services.Saw(probe));
    }

    /// <summary>promtool 2.42 has no credentials flag for queries; Go's HTTP client sends a URL's user info as Basic.</summary>
    [Fact(Timeout = 120_000)]
    public async Task Promtool_with_the_key_as_the_server_URLs_password_reaches_analytics()
    {
        var before = Queries();

        var (_, output) = await Promtool.RunAsync("query", "instant", Promtool.Server(gateway.Url, StandaloneGateway.ReaderKey), "up");

        // The stand-in's answer is no Prometheus JSON, so promtool itself fails after the request went through.
        Assert.True(Queries().Count > before.Count, $"promtool's query did not reach analytics: {output}");
        Assert.Equal("read", Queries()[^1]["X-PerfMonitor-Scopes"]);
        Assert.False(Queries()[^1].ContainsKey("Authorization"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_query_body_over_the_routes_limit_gets_413()
    {
        var probe = $"/api/v1/query?probe={Guid.NewGuid():N}";
        var query = "sum(" + new string('x', 2 << 20) + ")";

        using var response = await SendAsync("POST", probe, StandaloneGateway.ReaderKey,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["query"] = query }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private List<IReadOnlyDictionary<string, string>> Queries() =>
        [.. services.Received.Where(request => request.PathAndQuery.StartsWith("/api/v1/query", StringComparison.Ordinal)).Select(request => request.Headers)];

    private static FormUrlEncodedContent Form => new(new Dictionary<string, string>
    {
        ["query"] = "sum by (job) (rate(prometheus_http_requests_total[5m]))",
        ["start"] = "1769592600",
        ["end"] = "1769596200",
        ["step"] = "60",
    });

    private async Task<HttpResponseMessage> SendAsync(string method, string pathAndQuery, string key, HttpContent? body = null)
    {
        using var client = new HttpClient { BaseAddress = gateway.Url };
        using var request = new HttpRequestMessage(new HttpMethod(method), pathAndQuery) { Content = method == "POST" ? body ?? Form : null };
        request.Headers.Add("X-Api-Key", key);
        return await client.SendAsync(request);
    }
}
