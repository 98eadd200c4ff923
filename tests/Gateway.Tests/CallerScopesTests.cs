using System.Net;
using PerfMonitor.Gateway.Tests.Support;

namespace PerfMonitor.Gateway.Tests;

/// <summary>The gateway tells the services behind it who is calling, and a client cannot say it for itself.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class CallerScopesTests(DefaultGatewayFixture fixture)
{
    private const string ScopesHeader = "X-PerfMonitor-Scopes";
    private readonly StandInService services = fixture.Services;
    private readonly StandaloneGateway gateway = fixture.Gateway;

    [Theory(Timeout = 120_000)]
    [InlineData(StandaloneGateway.ReaderKey, "GET", "/api/v1/series", "read")]
    [InlineData(StandaloneGateway.AdminKey, "GET", "/api/v1/alert-rules", "read,ingest,admin")]
    [InlineData(StandaloneGateway.IngesterKey, "POST", "/api/v1/samples", "ingest")]
    [InlineData(StandaloneGateway.AdminKey, "POST", "/api/v1/silences", "read,ingest,admin")]
    public async Task A_forwarded_HTTP_request_carries_the_callers_scopes_and_not_the_ones_the_client_sent(string key, string method, string path, string scopes)
    {
        var probe = $"{path}?probe={Guid.NewGuid():N}";
        using var client = new HttpClient { BaseAddress = gateway.Url };
        using var request = new HttpRequestMessage(new HttpMethod(method), probe) { Content = method == "POST" ? new StringContent("{}") : null };
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Add(ScopesHeader, "admin");
        request.Headers.Add("Cookie", "other=1");

        using var response = await client.SendAsync(request);
        var forwarded = services.HeadersOf(probe);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(scopes, forwarded[ScopesHeader]);
        Assert.False(forwarded.ContainsKey("X-Api-Key"));
        Assert.False(forwarded.ContainsKey("Cookie"));
    }

    [Theory(Timeout = 120_000)]
    [InlineData(StandaloneGateway.ReaderKey, "/perfmon.v1.Query/GetRollups", "read")]
    [InlineData(StandaloneGateway.IngesterKey, "/perfmon.v1.Ingest/Push", "ingest")]
    [InlineData(StandaloneGateway.AdminKey, "/perfmon.v1.Alerts/CreateRule", "read,ingest,admin")]
    public async Task A_forwarded_gRPC_call_carries_the_callers_scopes_and_not_the_ones_the_client_sent(string key, string method, string scopes)
    {
        var answer = await GrpcProbe.CallAsync(gateway.GrpcUrl, method, key, headers: new Dictionary<string, string> { [ScopesHeader] = "admin" });

        Assert.Equal(Grpc.Core.StatusCode.OK, answer.Grpc);
        Assert.Equal(scopes, services.HeadersOf(method)[ScopesHeader]);
    }
}
