using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Expressions;
using PerfMonitor.PromQL.Results;

namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// Range queries on the analytics service's Prometheus HTTP API (<c>GET /api/v1/query_range</c>), the same service
/// discovery name expr rules use. The answer is read into the PromQL library's typed envelope.
/// </summary>
public sealed class AnalyticsRangeQueries(HttpClient http)
{
    /// <summary>The one series the expression yields per step (an aggregate without by), or none when there is no data.</summary>
    public async Task<IReadOnlyList<SamplePair>> RangeAsync(string expr, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        var query = $"/api/v1/query_range?query={Uri.EscapeDataString(expr)}&start={Unix(start)}&end={Unix(end)}" +
            $"&step={step.TotalSeconds.ToString(CultureInfo.InvariantCulture)}";
        QueryResponse? response;
        try
        {
            using var answer = await http.GetAsync(query, cancellationToken);
            response = await answer.Content.ReadFromJsonAsync<QueryResponse>(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AnalyticsQueryException($"the analytics service did not answer the query: {ex.Message}", ex);
        }
        return response switch
        {
            { Status: "success", Data: MatrixData matrix } => matrix.Result.Count switch
            {
                0 => [],
                1 => matrix.Result[0].Values,
                var n => throw new AnalyticsQueryException($"the query returned {n} series, not one"),
            },
            { Status: "success", Data: var data } => throw new AnalyticsQueryException($"the query returned a {data?.ResultType ?? "nothing"}, not a matrix"),
            { ErrorType: var type, Error: var error } => throw new AnalyticsQueryException($"{type}: {error}"),
            null => throw new AnalyticsQueryException("the analytics service answered with no body"),
        };
    }

    private static string Unix(DateTimeOffset time) => SampleValues.FormatTime(time.ToUnixTimeMilliseconds());
}
