using Grpc.Health.V1;
using Grpc.HealthCheck;
using PerfMonitor.ServiceDefaults.Jobs;
using Yarp.ReverseProxy;

namespace PerfMonitor.Gateway.Grpc;

/// <summary>
/// Answers grpc.health.v1 for each proxied service from what YARP routes to: SERVING while the owning cluster has an
/// available destination. YARP's HealthyOrPanic policy keeps every replica available once none passes its active probe,
/// and the gateway still forwards calls to them then, so this follows routing, not the probes: a client is not told
/// NOT_SERVING for a service whose calls the gateway would still forward. The gateway itself ("") is SERVING while it
/// runs.
/// </summary>
public sealed partial class DownstreamGrpcHealth(HealthServiceImpl health, IProxyStateLookup proxy, ILogger<DownstreamGrpcHealth> logger)
    : PeriodicJob(TimeProvider.System)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override string JobName => "grpc-health";

    protected override JobSchedule Schedule => JobSchedule.Every(Interval);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        return base.ExecuteAsync(stoppingToken);
    }

    protected override Task RunJobAsync(CancellationToken cancellationToken)
    {
        foreach (var service in ProxiedServiceDescriptors.All)
        {
            health.SetStatus(service.FullName, StatusOf(service.FullName));
        }
        return Task.CompletedTask;
    }

    protected override void OnFailed(Exception exception) => LogUpdateFailed(exception);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The proxied services' gRPC health could not be updated; it is tried again in a moment")]
    private partial void LogUpdateFailed(Exception exception);
}
