using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Contracts;
using PerfMonitor.PromQL.Results;

namespace PerfMonitor.Alerting.Expressions;

/// <summary>
/// Instant queries on the analytics service's Prometheus HTTP API (<c>GET /api/v1/query?query=&amp;time=</c>), found by
/// service discovery as Aspire names it (<c>services__analytics__http__0</c>). The answer is read into the PromQL library's
/// typed envelope; a failure of any kind is one <see cref="AnalyticsQueryException"/> saying what went wrong.
/// </summary>
public sealed class AnalyticsQueries(HttpClient http, IConfiguration configuration, EvaluationMetrics metrics)
{
    public const string ServiceName = ResourceNames.Analytics;

    public static readonly Uri BaseAddress = new($"http://{ServiceName}");

    /// <summary>Whether service discovery knows the analytics service; without it expr rules cannot be evaluated.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(configuration[$"services:{ServiceName}:http:0"]) || !string.IsNullOrWhiteSpace(configuration[$"services:{ServiceName}:https:0"]);

    /// <summary>The series the expression yields at <paramref name="at"/>; a scalar is one series without labels.</summary>
    public async Task<IReadOnlyList<ExprSample>> InstantAsync(string expr, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var time = SampleValues.FormatTime(at.ToUnixTimeMilliseconds());
        QueryResponse? response;
        try
        {
            using var answer = await http.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(expr)}&time={time}", cancellationToken);
            // Prometheus's API answers a refused query (400, 422, 503) in the same envelope, with errorType and error.
            response = await answer.Content.ReadFromJsonAsync<QueryResponse>(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            metrics.ExprEvaluated(ok: false);
            throw new AnalyticsQueryException($"the analytics service did not answer the query: {ex.Message}", ex);
        }
        metrics.ExprEvaluated(response is { Status: "success" });
        return response switch
        {
            { Status: "success", Data: VectorData vector } => [.. vector.Result.Select(item => new ExprSample(item.Metric, item.Value.Value))],
            { Status: "success", Data: ScalarData scalar } => [new ExprSample(new Dictionary<string, string>(), scalar.Result.Value)],
            { Status: "success", Data: var data } => throw new AnalyticsQueryException($"the query returned a {data?.ResultType ?? "nothing"}, not an instant vector"),
            { ErrorType: var type, Error: var error } => throw new AnalyticsQueryException($"{type}: {error}"),
            null => throw new AnalyticsQueryException("the analytics service answered with no body"),
        };
    }
}
