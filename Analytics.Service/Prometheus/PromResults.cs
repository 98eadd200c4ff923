using PerfMonitor.Analytics.Queries;
using PerfMonitor.PromQL;
using PerfMonitor.PromQL.Parsing;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>
/// Answers in Prometheus's JSON with its status codes: bad_data 400, execution 422, timeout and canceled 503,
/// internal 500. A query too expensive for the analytics limits is Prometheus's answer to one that would load too
/// many samples (execution, 422) or that ran out of time (timeout, 503), with the limit named.
/// </summary>
public static class PromResults
{
    public const string BadData = PromQLException.BadData;
    public const string Execution = PromQLException.Execution;
    public const string Timeout = "timeout";

    public static IResult Success<T>(T data, IReadOnlyList<string>? warnings = null) =>
        Results.Json(new PromEnvelope<T>("success", data, warnings is { Count: > 0 } ? warnings : null));

    public static IResult Error(string errorType, string message) => Results.Json(new PromError("error", errorType, message), statusCode: errorType switch
    {
        BadData => StatusCodes.Status400BadRequest,
        Execution => StatusCodes.Status422UnprocessableEntity,
        Timeout or "canceled" or "unavailable" => StatusCodes.Status503ServiceUnavailable,
        "not_found" => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status500InternalServerError,
    });

    /// <summary>A parameter that does not parse, named as Prometheus names it.</summary>
    public static IResult BadParameter(string name, string reason) => Error(BadData, $"invalid parameter \"{name}\": {reason}");

    /// <summary>Runs an answer, turning the refusals a query can meet into Prometheus's errors.</summary>
    public static async Task<IResult> RunAsync(Func<Task<IResult>> answer, QueryFields fields, string queryParameter = "query")
    {
        try
        {
            return await answer();
        }
        catch (ParseException error)
        {
            return BadParameter(queryParameter, error.Message);
        }
        catch (PromQLException error)
        {
            return Error(error.ErrorType, error.Message);
        }
        catch (QueryTooExpensiveException refused)
        {
            var (_, detail) = refused.Describe(fields);
            return refused.Cost == QueryCost.Timeout ? Error(Timeout, $"query timed out in query execution: {detail}") : Error(Execution, detail);
        }
    }
}
