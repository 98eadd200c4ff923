using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.Gateway.Routing;

namespace PerfMonitor.Gateway.Overview;

public static class OverviewSetup
{
    /// <summary>
    /// The overview and its gRPC clients. <c>http://_grpc.analytics</c> is service discovery's name for the endpoint
    /// <c>services:analytics:grpc</c>, the same one YARP forwards gRPC to.
    /// </summary>
    public static IServiceCollection AddOverview(this IServiceCollection services)
    {
        services.AddGrpcClient<Query.QueryClient>(client => client.Address = GrpcEndpointOf(ResourceNames.Analytics));
        services.AddGrpcClient<Alerts.AlertsClient>(client => client.Address = GrpcEndpointOf(ResourceNames.Alerting));
        services.AddSingleton<IngestMeter>();
        services.AddScoped<OverviewSources>();
        services.AddScoped<OverviewComposer>();
        return services;
    }

    private static Uri GrpcEndpointOf(string service) => new($"http://_{RouteTable.GrpcEndpoint}.{service}");
}
