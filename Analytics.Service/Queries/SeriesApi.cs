using Microsoft.AspNetCore.Http.HttpResults;
using static PerfMonitor.Analytics.Queries.QueryParameters;

namespace PerfMonitor.Analytics.Queries;

public static class SeriesApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    /// <summary>The late-sample listing; GET /api/v1/series is mapped with Prometheus's by the composition root (SeriesRoute).</summary>
    public static IEndpointRouteBuilder MapSeriesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/rollups/late-samples", GetLateSamples);
        return app;
    }

    /// <summary>The analytics series listing: series by metric and label filters.</summary>
    public static async Task<IResult> ListSeriesAsync(SeriesQueries queries, string? metric, string? labels, int? limit, CancellationToken cancellationToken)
    {
        if (!TryParseLabels(labels, out var filter, out var bad))
        {
            return Invalid("labels", $"'{bad}' is not name:value");
        }
        if (limit is < 1)
        {
            return Invalid("limit", "must be at least 1");
        }
        try
        {
            var series = await queries.ListAsync(string.IsNullOrEmpty(metric) ? null : metric, filter, limit ?? DefaultLimit, cancellationToken);
            return TypedResults.Ok(new SeriesResponse(series.Count, series));
        }
        catch (QueryTooExpensiveException refused)
        {
            return TooExpensive(refused, QueryFields.Series);
        }
    }

    private static async Task<Results<Ok<LateSamplesResponse>, ProblemHttpResult>> GetLateSamples(
        LateSampleQueries queries, TimeProvider clock, CancellationToken cancellationToken, string? since = null, int? limit = null)
    {
        if (!TryParseTime(since, clock.GetUtcNow().AddDays(-1), out var from))
        {
            return Invalid("since", "must be an RFC 3339 time");
        }
        if (limit is < 1 or > MaxLimit)
        {
            return Invalid("limit", $"must be between 1 and {MaxLimit}");
        }
        try
        {
            return TypedResults.Ok(await queries.ListAsync(from, limit ?? DefaultLimit, cancellationToken));
        }
        catch (QueryTooExpensiveException refused)
        {
            return TooExpensive(refused, QueryFields.LateSamples);
        }
    }
}
