using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Alerting.Access;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Evaluation;
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
        rules.MapPut("/{id:guid}", async Task<Results<Ok<AlertRuleView>, NotFound, ValidationProblem>> (
            Guid id, AlertRuleRequest request, RuleCommands commands, HttpContext http, CancellationToken ct) =>
            await commands.UpdateAsync(id, request, ct) switch
            {
                null => TypedResults.NotFound(),
                ({ } rule, _) => TypedResults.Ok(AlertRuleView.From(rule, CallerScopes.IsAdmin(http))),
                (_, var errors) => TypedResults.ValidationProblem(errors, title: "Invalid alert rule"),
            });
        rules.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, RuleCommands commands, CancellationToken ct) =>
            await commands.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound());
        rules.MapPost("/{id:guid}/test", async Task<Results<Accepted<TestNotificationResult>, NotFound, ValidationProblem>> (
            Guid id, RuleStore store, NotificationFactory factory, NotificationOutbox outbox, OutboxDispatcher dispatcher, TimeProvider clock, HttpContext http,
            CancellationToken ct) =>
        {
            if (await store.GetAsync(id, ct) is not { } rule)
            {
                return TypedResults.NotFound();
            }
            if (!rule.HasWebhook)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["webhookUrl"] = ["the rule has no webhook to test"] }, title: "Nothing to test");
            }
            var now = clock.GetUtcNow();
            var labels = new Dictionary<string, string>(rule.Labels, StringComparer.Ordinal) { ["test"] = "true" };
            var notification = factory.Create(rule, new AlertEvent(AlertEvent.Test, 0, labels, rule.Threshold, now, now, null));
            await outbox.AddAsync(notification, ct);
            dispatcher.Wake();
            return TypedResults.Accepted($"/api/v1/notifications?id={notification.Id}", new TestNotificationResult(
                notification.Id, WebhookUrls.ForCaller(notification.Url, CallerScopes.IsAdmin(http)), notification.Format));
        });
        rules.MapPost("/{id:guid}/evaluate", async Task<Results<Ok<IReadOnlyList<AlertInstanceView>>, NotFound>> (Guid id, RuleStore store, RuleCache cache, AlertEngine engine, CancellationToken ct) =>
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

public sealed record TestNotificationResult(Guid NotificationId, string Url, string Format);
