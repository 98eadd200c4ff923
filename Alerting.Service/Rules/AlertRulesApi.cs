using Microsoft.AspNetCore.Http.HttpResults;

namespace PerfMonitor.Alerting.Rules;

public static class AlertRulesApi
{
    public static IEndpointRouteBuilder MapAlertRulesApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/v1/alert-rules");
        rules.MapGet("/", async (RuleStore store, CancellationToken ct) =>
            TypedResults.Ok((await store.ListAsync(ct)).Select(AlertRuleView.From)));
        rules.MapGet("/{id:guid}", async Task<Results<Ok<AlertRuleView>, NotFound>> (Guid id, RuleStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } rule ? TypedResults.Ok(AlertRuleView.From(rule)) : TypedResults.NotFound());
        rules.MapPost("/", async Task<Results<Created<AlertRuleView>, ValidationProblem>> (AlertRuleRequest request, RuleValidator validator, RuleStore store, RuleCache cache, CancellationToken ct) =>
        {
            var (rule, errors) = validator.Validate(Guid.NewGuid(), request);
            if (rule is null)
            {
                return TypedResults.ValidationProblem(errors, title: "Invalid alert rule");
            }
            await store.SaveAsync(rule, ct);
            await cache.RefreshAsync(ct);
            return TypedResults.Created($"/api/v1/alert-rules/{rule.Id}", AlertRuleView.From(rule));
        });
        rules.MapPut("/{id:guid}", async Task<Results<Ok<AlertRuleView>, NotFound, ValidationProblem>> (Guid id, AlertRuleRequest request, RuleValidator validator, RuleStore store, RuleCache cache, CancellationToken ct) =>
        {
            if (await store.GetAsync(id, ct) is null)
            {
                return TypedResults.NotFound();
            }
            var (rule, errors) = validator.Validate(id, request);
            if (rule is null)
            {
                return TypedResults.ValidationProblem(errors, title: "Invalid alert rule");
            }
            await store.SaveAsync(rule, ct);
            await cache.RefreshAsync(ct);
            return TypedResults.Ok(AlertRuleView.From(rule));
        });
        rules.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, RuleStore store, RuleCache cache, CancellationToken ct) =>
        {
            if (!await store.DeleteAsync(id, ct))
            {
                return TypedResults.NotFound();
            }
            await cache.RefreshAsync(ct);
            return TypedResults.NoContent();
        });
        return app;
    }
}
