using Microsoft.AspNetCore.Http.HttpResults;

namespace PerfMonitor.Alerting.Evaluation;

public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/alerts", async Task<Results<Ok<IReadOnlyList<AlertView>>, ValidationProblem>> (string? state, Guid? ruleId, int? history, AlertStore store, CancellationToken ct) =>
        {
            if (state is not null && !WireName<AlertState>.TryParse(state, out _))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [$"must be one of {string.Join(", ", WireName<AlertState>.All)}"] });
            }
            return TypedResults.Ok(await store.QueryAsync(state, ruleId, Math.Clamp(history ?? 20, 0, 500), ct));
        });
        return app;
    }
}
