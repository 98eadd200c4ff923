using Grpc.Health.V1;
using Grpc.HealthCheck;
using Yarp.ReverseProxy;

namespace PerfMonitor.Gateway.Grpc;

/// <summary>
/// Answers grpc.health.v1 for each proxied service from YARP's active health checks: SERVING while at least one
/// replica of the owning cluster is healthy. The gateway itself ("") is SERVING while it runs.
/// </summary>
public sealed class DownstreamGrpcHealth(HealthServiceImpl health, IProxyStateLookup proxy) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            foreach (var service in ProxiedServiceDescriptors.All)
            {
                health.SetStatus(service.FullName, StatusOf(service.FullName));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private HealthCheckResponse.Types.ServingStatus StatusOf(string serviceName)
    {
        var route = proxy.GetRoutes().FirstOrDefault(r => r.Config.Match.Path?.StartsWith("/" + serviceName + "/", StringComparison.Ordinal) == true);
        var cluster = route?.Cluster;
        if (cluster is null)
        {
            return HealthCheckResponse.Types.ServingStatus.ServiceUnknown;
        }
        return cluster.DestinationsState.AvailableDestinations.Count > 0
            ? HealthCheckResponse.Types.ServingStatus.Serving
            : HealthCheckResponse.Types.ServingStatus.NotServing;
    }
}
