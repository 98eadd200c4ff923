using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.State;

public static class AlertsApi
{
    /// <summary>GET /api/v1/alerts, and POST /api/v1/alert-rules/{id}/evaluate, which evaluates one rule's alerts now.</summary>
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/alerts", async Task<Results<Ok<IReadOnlyList<AlertView>>, ValidationProblem>> (
            string? state, Guid? ruleId, int? history, AlertQueries alerts, CancellationToken ct) =>
        {
            if (state is not null && !WireName<AlertState>.TryParse(state, out _))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [$"must be one of {string.Join(", ", WireName<AlertState>.All)}"] });
            }
            return TypedResults.Ok(await alerts.QueryAsync(state, ruleId, Math.Clamp(history ?? 20, 0, 500), ct));
        });
        app.MapPost("/api/v1/alert-rules/{id:guid}/evaluate", async Task<Results<Ok<IReadOnlyList<AlertInstanceView>>, NotFound>> (
            Guid id, RuleStore store, RuleCache cache, AlertEngine engine, CancellationToken ct) =>
        {
            if (await store.GetAsync(id, ct) is not { } rule)
            {
                return TypedResults.NotFound();
            }
            await cache.RefreshAsync(ct);
            return TypedResults.Ok(await engine.EvaluateNowAsync(rule, ct));
        });
        return app;
    }
}
