using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Alerting.Access;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Rules;

public static class AlertRulesApi
{
    public static IEndpointRouteBuilder MapAlertRulesApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/v1/alert-rules");
        rules.MapGet("/", async (RuleStore store, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok((await store.ListAsync(ct)).Select(rule => AlertRuleView.From(rule, CallerScopes.IsAdmin(http)))));
        rules.MapGet("/{id:guid}", async Task<Results<Ok<AlertRuleView>, NotFound>> (Guid id, RuleStore store, HttpContext http, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } rule ? TypedResults.Ok(AlertRuleView.From(rule, CallerScopes.IsAdmin(http))) : TypedResults.NotFound());
        rules.MapPost("/", async Task<Results<Created<AlertRuleView>, ValidationProblem>> (AlertRuleRequest request, RuleCommands commands, HttpContext http, CancellationToken ct) =>
        {
            var (rule, errors) = await commands.CreateAsync(request, ct);
            return rule is null
                ? TypedResults.ValidationProblem(errors, title: "Invalid alert rule")
                : TypedResults.Created($"/api/v1/alert-rules/{rule.Id}", AlertRuleView.From(rule, CallerScopes.IsAdmin(http)));
        });
        rules.MapPut("/{id:guid}", async Task<Results<Ok<AlertRuleView>, NotFound, ValidationProblem, ProblemHttpResult>> (
            Guid id, AlertRuleRequest request, RuleCommands commands, IRuleEditGuard guard, HttpContext http, CancellationToken ct) =>
            await RefusedAsync(guard, id, ct) is { } refused ? refused : await commands.UpdateAsync(id, request, ct) switch
            {
                null => TypedResults.NotFound(),
                ({ } rule, _) => TypedResults.Ok(AlertRuleView.From(rule, CallerScopes.IsAdmin(http))),
                (_, var errors) => TypedResults.ValidationProblem(errors, title: "Invalid alert rule"),
            });
        rules.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (Guid id, RuleCommands commands, IRuleEditGuard guard, CancellationToken ct) =>
            await RefusedAsync(guard, id, ct) is { } refused ? refused : await commands.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound());
        return app;
    }

    private static async Task<ProblemHttpResult?> RefusedAsync(IRuleEditGuard guard, Guid id, CancellationToken ct) =>
        await guard.RefusalAsync(id, ct) is { } reason
            ? TypedResults.Problem(reason, statusCode: StatusCodes.Status409Conflict, title: "The rule may not be changed by hand")
            : null;
}

