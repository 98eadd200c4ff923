using Grpc.AspNetCore.Server;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Grpc.Reflection;
using Grpc.Reflection.V1Alpha;

namespace PerfMonitor.Gateway.Grpc;

/// <summary>gRPC served by the gateway itself: health and reflection for the perfmon.v1 services it forwards.</summary>
public static class GrpcEndpoints
{
    public static IServiceCollection AddGatewayGrpc(this IServiceCollection services)
    {
        services.AddGrpc();
        services.AddSingleton<HealthServiceImpl>();
        services.AddHostedService<DownstreamGrpcHealth>();
        services.AddSingleton(_ => new ReflectionServiceImpl(
            ProxiedServiceDescriptors.All
                .Append(Health.Descriptor)
                .Append(ServerReflection.Descriptor)));
        return services;
    }

    public static IEndpointRouteBuilder MapGatewayGrpc(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcService<ReflectionServiceImpl>();
        return app;
    }
}
