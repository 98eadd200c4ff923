using PerfMonitor.Analytics.Prometheus;
using PerfMonitor.Analytics.Queries;

namespace PerfMonitor.Analytics.Extensions;

/// <summary>
/// GET /api/v1/series is one route for two APIs: with <c>match[]</c> it is Prometheus's series endpoint, without it the
/// analytics listing. The choice lives here, in the composition root, so neither feature depends on the other.
/// </summary>
public static class SeriesRoute
{
    public static IEndpointRouteBuilder MapSeriesRoute(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/series", (HttpRequest request, SeriesQueries queries, SeriesCatalog catalog, CancellationToken cancellationToken,
                string? metric, string? labels, int? limit) =>
            request.Query.ContainsKey("match[]")
                ? PrometheusSeriesApi.SeriesAsync(request, catalog, cancellationToken)
                : SeriesApi.ListSeriesAsync(queries, metric, labels, limit, cancellationToken))
            .Produces<SeriesResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
