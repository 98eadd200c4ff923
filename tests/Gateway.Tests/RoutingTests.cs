using System.Net;
using System.Text;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using PerfMonitor.Contracts.V1;
using PerfMonitor.EndToEnd.Tests;

namespace PerfMonitor.Gateway.Tests;

[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class RoutingTests(SystemFixture system)
{
    private const string ServedBy = "X-PerfMonitor-Service";

    public static TheoryData<string, string, string> Routes => new()
    {
        { "POST", "/api/v1/samples", "collector" },
        { "POST", "/v1/metrics", "collector" },
        { "POST", "/api/v1/write", "collector" },
        { "GET", "/api/v1/series?metric=cpu", "analytics" },
        { "GET", "/api/v1/rollups?metric=cpu", "analytics" },
        { "GET", "/api/v1/anomalies", "analytics" },
        { "GET", "/api/v1/health-scores", "analytics" },
        { "GET", "/api/v1/performance/summary", "analytics" },
        { "GET", "/api/v1/timeseries?metric=cpu", "analytics" },
        { "GET", "/api/v1/alert-rules", "alerting" },
        { "GET", "/api/v1/alerts?state=firing", "alerting" },
        { "GET", "/api/v1/silences", "alerting" },
        { "GET", "/api/v1/notifications", "alerting" },
        { "GET", "/api/v1/rpc/query/series?metric=cpu", "analytics" },
        { "GET", "/api/v1/rpc/alerts/rules", "alerting" },
        { "GET", "/api/v1/rpc/alerts?state=firing", "alerting" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Routes))]
    public async Task Each_route_reaches_the_service_that_owns_it(string method, string path, string owner)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await system.Gateway.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(owner, response.Headers.GetValues(ServedBy).Single());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_body_over_the_route_limit_is_refused_before_it_reaches_the_service()
    {
        using var content = new ByteArrayContent(new byte[(1 << 20) + 1024]);
        content.Headers.ContentType = new("application/json");

        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/alert-rules/00000000-0000-0000-0000-000000000001") { Content = content };
        // The gateway answers 413 from the declared length and closes; a client still sending the body could see a broken
        // pipe instead of the answer. Asking to continue first makes the client wait for that answer, as curl does.
        request.Headers.ExpectContinue = true;

        using var response = await system.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Grpc_ingest_reaches_the_collector_through_the_gateway_with_a_key()
    {
        using var channel = GrpcChannel.ForAddress(system.App.GatewayGrpcUrl);
        var client = new Ingest.IngestClient(channel);
        var headers = new Metadata { { "x-api-key", system.App.ApiKey } };

        using var call = client.Push(headers);
        await call.RequestStream.WriteAsync(new SampleBatch
        {
            Samples = { new Sample { Metric = "grpc_probe", Value = 1, TimestampUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Labels = { new Label { Name = "service", Value = "grpc" } } } },
        });
        await call.RequestStream.CompleteAsync();
        var result = await call.ResponseAsync;

        Assert.Equal(1, result.Accepted);
    }

    [Fact(Timeout = 60_000)]
    public async Task Grpc_without_a_key_is_unauthenticated()
    {
        using var channel = GrpcChannel.ForAddress(system.App.GatewayGrpcUrl);
        var client = new Ingest.IngestClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = client.Push();
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_gateway_answers_gRPC_health_for_itself_and_each_proxied_service()
    {
        using var channel = GrpcChannel.ForAddress(system.App.GatewayGrpcUrl);
        var health = new Health.HealthClient(channel);

        var gateway = await health.CheckAsync(new HealthCheckRequest { Service = "" });
        var ingest = await PerfMonitor.TestSupport.Eventually.GetAsync(
            async () => await health.CheckAsync(new HealthCheckRequest { Service = "perfmon.v1.Ingest" }),
            r => r.Status == HealthCheckResponse.Types.ServingStatus.Serving,
            TimeSpan.FromSeconds(15), "perfmon.v1.Ingest serving");

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, gateway.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, ingest.Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task Server_reflection_at_the_gateway_lists_the_perfmon_and_otlp_services()
    {
        using var channel = GrpcChannel.ForAddress(system.App.GatewayGrpcUrl);
        var reflection = new ServerReflection.ServerReflectionClient(channel);

        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("perfmon.v1.Ingest", names);
        Assert.Contains("opentelemetry.proto.collector.metrics.v1.MetricsService", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }
}
