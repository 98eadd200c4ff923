using Grpc.Health.V1;
using Grpc.Net.Client;
using PerfMonitor.Gateway.Tests.Support;
using PerfMonitor.TestSupport;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// The gateway answers grpc.health.v1 for itself and for each service it proxies, from its own health checks of the
/// services behind it: a proxied service is SERVING while one of its replicas answers and NOT_SERVING once none does.
/// </summary>
[Collection(HealthProbedStandIns.Name)]
public sealed class GrpcHealthTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 240_000)]
    public async Task A_proxied_service_is_serving_while_it_answers_and_not_serving_once_it_stops_while_the_gateway_stays_serving()
    {
        await using var services = await StandInService.StartAsync();
        await using var gateway = await StandaloneGateway.StartAsync(services);
        using var channel = GrpcChannel.ForAddress(gateway.GrpcUrl);
        var health = new Health.HealthClient(channel);

        await StatusAsync(health, "perfmon.v1.Ingest", ServingStatus.Serving);
        await services.DisposeAsync();
        await StatusAsync(health, "perfmon.v1.Ingest", ServingStatus.NotServing);
        var itself = await health.CheckAsync(new HealthCheckRequest { Service = "" });

        Assert.Equal(ServingStatus.Serving, itself.Status);
    }

    private static Task<HealthCheckResponse> StatusAsync(Health.HealthClient health, string service, ServingStatus status) =>
        Eventually.GetAsync(
            async () => await health.CheckAsync(new HealthCheckRequest { Service = service }),
            response => response.Status == status, Patience, $"{service} {status}");
}
