using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PerfMonitor.Analytics.Queries;

public static class RollupsApi
{
    private static readonly string[] Steps = ["1m", "1h"];
    private static readonly string[] Aggregations = ["avg", "sum", "min", "max", "count"];
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
        if (string.IsNullOrWhiteSpace(metric))
        {
            return Invalid("metric", "is required");
        }
        var filter = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (labels ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':');
            if (colon <= 0)
            {
                return Invalid("labels", $"'{pair}' is not name:value");
            }
            filter[pair[..colon]] = pair[(colon + 1)..];
        }

        var now = clock.GetUtcNow();
        if (!TryParseTime(to, now, out var end))
        {
            return Invalid("to", "must be an RFC 3339 time");
        }
        if (!TryParseTime(from, end - DefaultRange, out var start))
        {
            return Invalid("from", "must be an RFC 3339 time");
        }
        if (start >= end)
        {
            return Invalid("from", "must be before to");
        }
        var bucket = step ?? (end - start > TimeSpan.FromDays(2) ? "1h" : "1m");
        if (!Steps.Contains(bucket))
        {
            return Invalid("step", "must be 1m or 1h");
        }
        var aggregation = agg ?? "avg";
        if (!Aggregations.Contains(aggregation))
        {
            return Invalid("agg", $"must be one of {string.Join(", ", Aggregations)}");
        }

        return TypedResults.Ok(await queries.QueryAsync(new RollupQuery(metric, filter, start, end, bucket, aggregation), cancellationToken));
    }

    private static bool TryParseTime(string? text, DateTimeOffset fallback, out DateTimeOffset time)
    {
        if (string.IsNullOrEmpty(text))
        {
            time = fallback;
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static ProblemHttpResult Invalid(string field, string reason) => TypedResults.Problem(new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Invalid query",
        Detail = $"{field} {reason}",
        Extensions = { ["field"] = field },
    });
}
