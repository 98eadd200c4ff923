using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Evaluation;

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
            if (await store.GetAsync(id, ct) is not { } existing)
            {
                return TypedResults.NotFound();
            }
            var (rule, errors) = validator.Validate(id, request);
            if (rule is null)
            {
                return TypedResults.ValidationProblem(errors, title: "Invalid alert rule");
            }
            // The secret is write-only: a PUT without one keeps the stored secret; "" removes it.
            rule = rule with { Secret = request.Secret ?? existing.Secret, Builtin = existing.Builtin };
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
        rules.MapPost("/{id:guid}/test", async Task<Results<Accepted<TestNotificationResult>, NotFound, ValidationProblem>> (
            Guid id, RuleStore store, NotificationFactory factory, NotificationOutbox outbox, OutboxDispatcher dispatcher, TimeProvider clock, CancellationToken ct) =>
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
            return TypedResults.Accepted($"/api/v1/notifications?id={notification.Id}", new TestNotificationResult(notification.Id, notification.Url, notification.Format));
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
