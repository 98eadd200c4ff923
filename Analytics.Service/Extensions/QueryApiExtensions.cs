using Microsoft.Extensions.DependencyInjection.Extensions;
using PerfMonitor.Analytics.Anomalies;
using PerfMonitor.Analytics.Grpc;
using PerfMonitor.Analytics.Health;
using PerfMonitor.Analytics.Performance;
using PerfMonitor.Analytics.Queries;

namespace PerfMonitor.Analytics.Extensions;

/// <summary>
/// The read side: REST and gRPC (with JSON transcoding) queries over the rollups and Prometheus's HTTP API, under
/// <see cref="QueryLimits"/>.
/// </summary>
public static class QueryApiExtensions
{
    public static IServiceCollection AddQueryApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddGrpc().AddJsonTranscoding();
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<QueryLimits>(QueryLimits.Section);
        services.AddSingleton<RollupQueries>();
        services.AddSingleton<SeriesQueries>();
        services.AddSingleton<LateSampleQueries>();
        services.AddValidatedOptions<MetricConventions>(MetricConventions.Section);
        services.AddSingleton<PerformanceQueries>();
        services.AddPrometheusApi();
        return services;
    }

    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder app)
    {
        app.MapRollupsApi();
        app.MapSeriesApi();
        app.MapSeriesRoute();
        app.MapPerformanceApi();
        app.MapAnomaliesApi();
        app.MapHealthScoresApi();
        app.MapPrometheusApi();
        app.MapGrpcService<QueryGrpcService>();
        return app;
    }
}
