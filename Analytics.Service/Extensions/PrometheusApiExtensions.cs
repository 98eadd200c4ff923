using PerfMonitor.Analytics.Prometheus;

namespace PerfMonitor.Analytics.Extensions;

/// <summary>
/// Prometheus's HTTP query API over the rollups (PromQL, series, labels, metadata, build info), for Grafana,
/// promtool and any Prometheus client. See docs/promql.md.
/// </summary>
public static class PrometheusApiExtensions
{
    public static IServiceCollection AddPrometheusApi(this IServiceCollection services)
    {
        services.AddValidatedOptions<PrometheusApiOptions>(PrometheusApiOptions.Section);
        services.AddSingleton<PromQLQueries>();
        services.AddSingleton<SeriesCatalog>();
        return services;
    }

    public static IEndpointRouteBuilder MapPrometheusApi(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusQueryApi();
        app.MapPrometheusSeriesApi();
        return app;
    }
}
