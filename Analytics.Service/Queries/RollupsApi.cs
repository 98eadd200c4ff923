using Microsoft.AspNetCore.Http.HttpResults;
using static PerfMonitor.Analytics.Queries.QueryParameters;

namespace PerfMonitor.Analytics.Queries;

public static class RollupsApi
{
    private static readonly TimeSpan DefaultRange = TimeSpan.FromHours(1);

    public static IEndpointRouteBuilder MapRollupsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/rollups", GetRollups);
        return app;
    }

    private static async Task<Results<Ok<RollupResponse>, ProblemHttpResult>> GetRollups(
        RollupQueries queries, TimeProvider clock, CancellationToken cancellationToken,
        string? metric = null, string? labels = null, string? from = null, string? to = null, string? step = null, string? agg = null)
    {
        var parsed = Parse(clock.GetUtcNow(), DefaultRange, metric, labels, from, to, step, agg);
        if (parsed.Problem is not null)
        {
            return parsed.Problem;
        }
        try
        {
            return TypedResults.Ok(await queries.QueryAsync(parsed.Query!, cancellationToken));
        }
        catch (QueryTooExpensiveException refused)
        {
            return TooExpensive(refused, QueryFields.Rollups);
        }
    }

    /// <summary>Validates a rollup query as REST and gRPC both receive it.</summary>
    public static (RollupQuery? Query, ProblemHttpResult? Problem) Parse(
        DateTimeOffset now, TimeSpan defaultRange, string? metric, string? labels, string? from, string? to, string? step, string? agg)
    {
        if (string.IsNullOrWhiteSpace(metric))
        {
            return (null, Invalid("metric", "is required"));
        }
        if (!TryParseLabels(labels, out var filter, out var bad))
        {
            return (null, Invalid("labels", $"'{bad}' is not name:value"));
        }
        if (!TryParseTime(to, now, out var end))
        {
            return (null, Invalid("to", "must be an RFC 3339 time"));
        }
        if (!TryParseTime(from, end - defaultRange, out var start))
        {
            return (null, Invalid("from", "must be an RFC 3339 time"));
        }
        if (start >= end)
        {
            return (null, Invalid("from", "must be before to"));
        }
        var bucket = string.IsNullOrEmpty(step) ? Steps.Choose(end - start) : step;
        if (!Steps.All.TryGetValue(bucket, out var width))
        {
            return (null, Invalid("step", $"must be one of {string.Join(", ", Steps.All.Keys)}"));
        }
        if ((end - start) / width > Steps.MaxPoints)
        {
            return (null, Invalid("step", $"gives more than {Steps.MaxPoints} points for this range; use a wider step"));
        }
        var aggregation = string.IsNullOrEmpty(agg) ? "avg" : agg;
        if (!BucketAccumulator.Aggregations.Contains(aggregation))
        {
            return (null, Invalid("agg", $"must be one of {string.Join(", ", BucketAccumulator.Aggregations)}"));
        }
        return (new RollupQuery(metric, filter, start, end, bucket, aggregation), null);
    }
}
