using System.Net;
using System.Text;
using Grpc.Core;
using PerfMonitor.Gateway.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Gateway.Tests;

/// <summary>Per-key limits on requests in flight: one client cannot hold every ingest stream or query slot behind the gateway.</summary>
public sealed class ConcurrencyLimitTests(OneAtATimeFixture fixture) : IClassFixture<OneAtATimeFixture>, IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);
    private readonly StandaloneGateway gateway = fixture.Gateway;
    private readonly HttpClient http = new() { BaseAddress = fixture.Gateway.Url, Timeout = TimeSpan.FromSeconds(30) };
    private readonly HttpClient h2 = new(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    [Fact(Timeout = 120_000)]
    public async Task An_ingest_key_at_its_limit_gets_429_with_Retry_After_on_REST_and_RESOURCE_EXHAUSTED_on_gRPC()
    {
        HttpResponseMessage samples, otlpHttp, remoteWrite, otherKey;
        GrpcProbe.Answer push, otlpGrpc;
        await using (var held = await HeldRequest.StartJsonAsync(h2, Held("/api/v1/samples", StandaloneGateway.IngesterKey)))
        {
            await ReachedTheServiceAsync(held);
            samples = await SendAsync(HttpMethod.Post, "/api/v1/samples", StandaloneGateway.IngesterKey);
            otlpHttp = await SendAsync(HttpMethod.Post, "/v1/metrics", StandaloneGateway.IngesterKey);
            remoteWrite = await SendAsync(HttpMethod.Post, "/api/v1/write", StandaloneGateway.IngesterKey);
            push = await GrpcProbe.CallAsync(gateway.GrpcUrl, "/perfmon.v1.Ingest/Push", StandaloneGateway.IngesterKey);
            otlpGrpc = await GrpcProbe.CallAsync(gateway.GrpcUrl, "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export", StandaloneGateway.IngesterKey);
            otherKey = await SendAsync(HttpMethod.Post, "/api/v1/samples", StandaloneGateway.AdminKey);
        }
        var afterwards = await EventuallyAsync(HttpMethod.Post, "/api/v1/samples", StandaloneGateway.IngesterKey);

        foreach (var refused in new[] { samples, otlpHttp, remoteWrite })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(StatusCode.ResourceExhausted, push.Grpc);
        Assert.Equal(StatusCode.ResourceExhausted, otlpGrpc.Grpc);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_open_gRPC_Push_stream_holds_its_slot_until_it_ends()
    {
        HttpResponseMessage whileOpen;
        await using (var held = await HeldRequest.StartGrpcAsync(h2, GrpcProbe.Request(gateway.GrpcUrl, "/perfmon.v1.Ingest/Push", StandaloneGateway.IngesterKey)))
        {
            await ReachedTheServiceAsync(held);
            whileOpen = await SendAsync(HttpMethod.Post, "/api/v1/samples", StandaloneGateway.IngesterKey);
        }
        var afterwards = await EventuallyAsync(HttpMethod.Post, "/api/v1/samples", StandaloneGateway.IngesterKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, whileOpen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_key_at_its_query_limit_gets_429_on_analytics_and_alert_reads_and_RESOURCE_EXHAUSTED_on_gRPC()
    {
        HttpResponseMessage rollups, rules, otherKey, ingest;
        GrpcProbe.Answer listRules;
        await using (var held = await HeldRequest.StartGrpcAsync(h2, GrpcProbe.Request(gateway.GrpcUrl, "/perfmon.v1.Query/GetRollups", StandaloneGateway.ReaderKey)))
        {
            await ReachedTheServiceAsync(held);
            rollups = await SendAsync(HttpMethod.Get, "/api/v1/rollups?metric=cpu", StandaloneGateway.ReaderKey);
            rules = await SendAsync(HttpMethod.Get, "/api/v1/alert-rules", StandaloneGateway.ReaderKey);
            listRules = await GrpcProbe.CallAsync(gateway.GrpcUrl, "/perfmon.v1.Alerts/ListRules", StandaloneGateway.ReaderKey);
            otherKey = await SendAsync(HttpMethod.Get, "/api/v1/rollups?metric=cpu", StandaloneGateway.AdminKey);
            ingest = await SendAsync(HttpMethod.Post, "/api/v1/samples", StandaloneGateway.IngesterKey);
        }
        var afterwards = await EventuallyAsync(HttpMethod.Get, "/api/v1/rollups?metric=cpu", StandaloneGateway.ReaderKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, rollups.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, rules.StatusCode);
        Assert.True(rules.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(StatusCode.ResourceExhausted, listRules.Grpc);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_PromQL_query_in_flight_holds_the_keys_query_slot()
    {
        HttpResponseMessage range, instant;
        await using (var held = await HeldRequest.StartFormAsync(h2, Held("/api/v1/query", StandaloneGateway.ReaderKey)))
        {
            await ReachedTheServiceAsync(held);
            range = await SendAsync(HttpMethod.Get, "/api/v1/query_range?query=up&start=0&end=60&step=15", StandaloneGateway.ReaderKey);
            instant = await SendAsync(HttpMethod.Post, "/api/v1/query", StandaloneGateway.ReaderKey);
        }
        var afterwards = await EventuallyAsync(HttpMethod.Get, "/api/v1/query?query=up", StandaloneGateway.ReaderKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, range.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, instant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    public void Dispose()
    {
        http.Dispose();
        h2.Dispose();
    }

    /// <summary>The held request got through the gateway (and so holds its slot) once the service is reading its body.</summary>
    private async Task ReachedTheServiceAsync(HeldRequest held)
    {
        await Eventually.GetAsync(() => Task.FromResult(fixture.Services.InFlight >= 1 || held.Response.IsCompleted), reached => reached, Settle, "the held request at the service");
        Assert.False(held.Response.IsCompleted, held.Response.IsCompletedSuccessfully ? $"The gateway answered the held request: {(int)held.Response.Result.StatusCode}" : "The held request failed");
    }

    private Task<HttpResponseMessage> EventuallyAsync(HttpMethod method, string path, string key) =>
        Eventually.GetAsync(() => SendAsync(method, path, key), response => response.StatusCode != HttpStatusCode.TooManyRequests, Settle, $"{path} accepted again");

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key) => http.SendAsync(Request(method, path, key, method == HttpMethod.Post ? "{}" : null));

    /// <summary>Over HTTP/2 (the gateway's h2c port serves every route), as the held gRPC calls are.</summary>
    private HttpRequestMessage Held(string path, string key)
    {
        var request = Request(HttpMethod.Post, path, key);
        request.RequestUri = new Uri(gateway.GrpcUrl, path);
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return request;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string key, string? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);
        return request;
    }
}
