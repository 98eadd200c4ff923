using Grpc.Core;
using PerfMonitor.Gateway.Tests.Support;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// The gateway's active health probes ask each replica's /health on its service's HTTP endpoint, for the gRPC
/// clusters too (they forward HTTP/2 only), and take a replica whose /health stops answering out of routing. The
/// verdicts are read from YARP's log of each destination's active health state, and from where calls land.
/// </summary>
[Trait("Category", "System")]
public sealed class HealthProbeTests
{
    private const string Push = "/perfmon.v1.Ingest/Push";
    private const int Calls = 20;
    private static readonly TimeSpan VerdictTimeout = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 240_000)]
    public async Task Every_gRPC_cluster_s_replica_passes_its_active_health_probe()
    {
        await using var services = await StandInService.StartAsync();
        await using var gateway = await StandaloneGateway.StartAsync(services, VerdictsLogged());

        foreach (var service in new[] { "collector", "analytics", "alerting" })
        {
            await VerdictAsync(gateway, $"{service}-0", $"{service}-grpc", "Healthy");
        }
    }

    [Fact(Timeout = 240_000)]
    public async Task A_gRPC_replica_whose_health_stops_answering_gets_no_more_calls()
    {
        await using var first = await StandInService.StartAsync();
        await using var second = await StandInService.StartAsync();
        // The second replica's HTTP endpoint apart from its gRPC one: its /health stops while its gRPC still answers.
        await using var secondHttp = await StandInService.StartAsync();
        var settings = VerdictsLogged();
        settings["HealthProbes__Interval"] = "00:00:01";
        settings["services__collector__http__1"] = secondHttp.HttpUrl.ToString().TrimEnd('/');
        settings["services__collector__grpc__1"] = second.GrpcUrl.ToString().TrimEnd('/');
        await using var gateway = await StandaloneGateway.StartAsync(first, settings);

        await VerdictAsync(gateway, "collector-1", "collector-grpc", "Healthy");
        await PushAsync(gateway);
        var whileHealthy = PushesAt(second);
        await secondHttp.DisposeAsync();
        await VerdictAsync(gateway, "collector-1", "collector-grpc", "Unhealthy");
        var firstBefore = PushesAt(first);
        await PushAsync(gateway);

        Assert.True(whileHealthy > 0, $"none of {Calls} calls reached the second replica while it was healthy");
        Assert.Equal(whileHealthy, PushesAt(second));
        Assert.Equal(firstBefore + Calls, PushesAt(first));
    }

    /// <summary>YARP logs each change of a destination's active health: Information, Unhealthy at Warning.</summary>
    private static Dictionary<string, string> VerdictsLogged() => new()
    {
        ["Logging__LogLevel__Yarp.ReverseProxy.Health"] = "Information",
    };

    private static async Task VerdictAsync(StandaloneGateway gateway, string destination, string cluster, string health)
    {
        var verdict =
            $"Active health state of destination `{destination}` on cluster `{cluster}` is set to '{health}'";
        var deadline = DateTime.UtcNow + VerdictTimeout;
        while (!gateway.Output.Contains(verdict, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"The gateway never logged \"{verdict}\":{Environment.NewLine}{gateway.Output}");
            await Task.Delay(250);
        }
    }

    private static async Task PushAsync(StandaloneGateway gateway)
    {
        for (var call = 0; call < Calls; call++)
        {
            var answer = await GrpcProbe.CallAsync(gateway.GrpcUrl, Push, StandaloneGateway.IngesterKey);
            Assert.Equal(StatusCode.OK, answer.Grpc);
        }
    }

    private static int PushesAt(StandInService replica) =>
        replica.Received.Count(request => request.PathAndQuery == Push);
}
