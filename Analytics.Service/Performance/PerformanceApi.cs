using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Analytics.Queries;
using static PerfMonitor.Analytics.Queries.QueryParameters;

namespace PerfMonitor.Analytics.Performance;

public static class PerformanceApi
{
    public const double MaxHours = 24 * 400;

    public static IEndpointRouteBuilder MapPerformanceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/performance/summary", GetSummary);
        app.MapGet("/api/v1/timeseries", GetTimeSeries);
        return app;
    }

    private static async Task<Results<Ok<PerformanceSummary>, ProblemHttpResult>> GetSummary(
        PerformanceQueries queries, CancellationToken cancellationToken, string? hours = null, string? service = null)
    {
        if (!TryParseHours(hours, 1, out var window))
        {
            return Invalid("hours", $"must be a number above 0 and at most {MaxHours}");
        }
        try
        {
            return TypedResults.Ok(await queries.SummaryAsync(window, string.IsNullOrEmpty(service) ? null : service, cancellationToken));
        }
        catch (QueryTooExpensiveException refused)
        {
            return TooExpensive(refused, QueryFields.Summary);
        }
    }

    private static async Task<Results<Ok<TimeSeriesResponse>, ProblemHttpResult>> GetTimeSeries(
        RollupQueries rollups, TimeProvider clock, CancellationToken cancellationToken,
        string? metric = null, string? hours = null, string? interval = null, string? labels = null, string? agg = null)
    {
        if (!TryParseHours(hours, 24, out var window))
        {
            return Invalid("hours", $"must be a number above 0 and at most {MaxHours}");
        }
        var now = clock.GetUtcNow();
        var parsed = RollupsApi.Parse(now, window, metric, labels, (now - window).ToString("o"), now.ToString("o"), interval, agg);
        if (parsed.Problem is not null)
        {
            return (parsed.Problem.ProblemDetails.Extensions["field"] as string) == "step"
                ? Invalid("interval", $"must be one of {string.Join(", ", Steps.All.Keys)} and give at most {Steps.MaxPoints} points")
                : parsed.Problem;
        }
        var query = parsed.Query!;
        try
        {
            var result = await rollups.QueryAsync(query, cancellationToken);
            return TypedResults.Ok(new TimeSeriesResponse(query.Metric, window.TotalHours, query.Step, query.Aggregation,
                result.Points.Select(p => new TimeSeriesPoint(p.Time, p.Value, p.Count)).ToList()));
        }
        catch (QueryTooExpensiveException refused)
        {
            return TooExpensive(refused, QueryFields.TimeSeries);
        }
    }

    private static bool TryParseHours(string? text, double fallback, out TimeSpan window)
    {
        var hours = fallback;
        window = default;
        if (!string.IsNullOrEmpty(text) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out hours))
        {
            return false;
        }
        if (!(hours > 0 && hours <= MaxHours))
        {
            return false;
        }
        window = TimeSpan.FromHours(hours);
        return true;
    }
}
