using System.Net;
using System.Reflection;
using PerfMonitor.Gateway.Tests.Support;
using PerfMonitor.SystemTesting;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// PromQL queries get their own route timeout (RouteTimeouts:PromQL), longer than analytics' own limit on a query, so a
/// long range query is answered by analytics and not cut by the gateway at the query routes' 30 s.
/// </summary>
public sealed class RouteTimeoutTests(ShortTimeoutsFixture fixture) : IClassFixture<ShortTimeoutsFixture>
{
    /// <summary>Well past the query routes' limit in <see cref="ShortTimeoutsFixture"/>, well within PromQL's.</summary>
    private static readonly TimeSpan Slow = ShortTimeoutsFixture.QueryTimeout * 3;

    [Theory(Timeout = 120_000)]
    [InlineData("GET", "/api/v1/query_range")]
    [InlineData("POST", "/api/v1/query_range")]
    [InlineData("GET", "/api/v1/query")]
    [InlineData("POST", "/api/v1/query")]
    public async Task A_PromQL_query_slower_than_the_query_routes_limit_is_answered(string method, string path)
    {
        using var response = await SendAsync(method, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("analytics", response.Headers.GetValues("X-PerfMonitor-Service").Single());
    }

    [Theory(Timeout = 120_000)]
    [InlineData("GET", "/api/v1/rollups")]
    [InlineData("GET", "/api/v1/series")]
    public async Task Another_read_slower_than_the_query_routes_limit_gets_504_problem(string method, string path)
    {
        using var response = await SendAsync(method, path);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void By_default_the_PromQL_routes_outlast_analytics_own_query_timeout()
    {
        var root = RepositoryLayout.FindRoot();
        var gateway = DefaultOf(RepositoryLayout.ServiceAssembly(root, "Gateway.Api"), "PerfMonitor.Gateway.Routing.RouteTimeoutOptions", "PromQL");
        var analytics = DefaultOf(RepositoryLayout.ServiceAssembly(root, "Analytics.Service"), "PerfMonitor.Analytics.Prometheus.PrometheusApiOptions", "QueryTimeout");

        Assert.True(gateway > analytics, $"RouteTimeouts:PromQL {gateway} is not longer than analytics' Prometheus:QueryTimeout {analytics}");
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path)
    {
        using var client = new HttpClient { BaseAddress = fixture.Gateway.Url, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{path}?query=up&wait={Slow.TotalMilliseconds}")
        {
            Content = method == "POST" ? new FormUrlEncodedContent(new Dictionary<string, string> { ["query"] = "up" }) : null,
        };
        request.Headers.Add("X-Api-Key", StandaloneGateway.ReaderKey);
        return await client.SendAsync(request);
    }

    /// <summary>An options class's default, read from the service's build (the tests run services as processes, unreferenced).</summary>
    private static TimeSpan DefaultOf(string assemblyPath, string type, string property)
    {
        var options = Activator.CreateInstance(Assembly.LoadFrom(assemblyPath).GetType(type, throwOnError: true)!)!;
        return (TimeSpan)options.GetType().GetProperty(property)!.GetValue(options)!;
    }
}
