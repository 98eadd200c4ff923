using PerfMonitor.Analytics.Queries;
using PerfMonitor.PromQL.Results;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>Prometheus's <c>/api/v1/query</c> and <c>/api/v1/query_range</c>, by GET or form POST, evaluated over the rollups.</summary>
public static class PrometheusQueryApi
{
    public static IEndpointRouteBuilder MapPrometheusQueryApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/v1/query", [HttpMethods.Get, HttpMethods.Post], InstantAsync);
        app.MapMethods("/api/v1/query_range", [HttpMethods.Get, HttpMethods.Post], RangeAsync);
        return app;
    }

    private static async Task<IResult> InstantAsync(HttpRequest http, PromQLQueries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = await PromRequest.ReadAsync(http, cancellationToken);
        var time = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (request.Get("time") is { Length: > 0 } text && !PromParameters.TryParseTime(text, out time))
        {
            return PromResults.BadParameter("time", $"Invalid time value for 'time': cannot parse \"{text}\" to a valid timestamp");
        }
        if (!TryTimeout(request, out var timeout, out var refused))
        {
            return refused;
        }
        return await PromResults.RunAsync(
            async () => Answer(await queries.InstantAsync(request.Get("query") ?? "", time, timeout, cancellationToken)), QueryFields.PromQL);
    }

    private static async Task<IResult> RangeAsync(HttpRequest http, PromQLQueries queries, Microsoft.Extensions.Options.IOptions<PrometheusApiOptions> options, CancellationToken cancellationToken)
    {
        var request = await PromRequest.ReadAsync(http, cancellationToken);
        if (!PromParameters.TryParseTime(request.Get("start") ?? "", out var start))
        {
            return PromResults.BadParameter("start", $"cannot parse \"{request.Get("start")}\" to a valid timestamp");
        }
        if (!PromParameters.TryParseTime(request.Get("end") ?? "", out var end))
        {
            return PromResults.BadParameter("end", $"cannot parse \"{request.Get("end")}\" to a valid timestamp");
        }
        if (end < start)
        {
            return PromResults.BadParameter("end", "end timestamp must not be before start time");
        }
        if (!PromParameters.TryParseDuration(request.Get("step") ?? "", out var step))
        {
            return PromResults.BadParameter("step", $"cannot parse \"{request.Get("step")}\" to a valid duration");
        }
        if (step <= 0)
        {
            return PromResults.BadParameter("step", "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if ((end - start) / step > options.Value.MaxPointsPerSeries)
        {
            return PromResults.Error(PromResults.BadData,
                $"exceeded maximum resolution of {options.Value.MaxPointsPerSeries:N0} points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        if (!TryTimeout(request, out var timeout, out var refused))
        {
            return refused;
        }
        return await PromResults.RunAsync(
            async () => Answer(await queries.RangeAsync(request.Get("query") ?? "", start, end, step, timeout, cancellationToken)), QueryFields.PromQL);
    }

    private static IResult Answer(QueryResult result) => Results.Json(PromJson.Success(result));

    private static bool TryTimeout(PromRequest request, out TimeSpan? timeout, out IResult refused)
    {
        (timeout, refused) = (null, Results.Empty);
        if (request.Get("timeout") is not { Length: > 0 } text)
        {
            return true;
        }
        if (!PromParameters.TryParseDuration(text, out var milliseconds) || milliseconds <= 0)
        {
            refused = PromResults.BadParameter("timeout", $"cannot parse \"{text}\" to a valid duration");
            return false;
        }
        timeout = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }
}
