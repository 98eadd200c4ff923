using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Alerting.Access;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Delivery;

public static class NotificationsApi
{
    private static readonly string[] Statuses = [NotificationOutbox.Pending, NotificationOutbox.Delivered, NotificationOutbox.Dead];

    /// <summary>The delivery log, breakers and dead-letter replay, and POST /api/v1/alert-rules/{id}/test, which sends a test notification now.</summary>
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/v1/notifications");
        notifications.MapGet("/", async Task<Results<Ok<IReadOnlyList<NotificationView>>, ValidationProblem>> (
            string? status, Guid? ruleId, Guid? id, int? limit, NotificationLog log, ReceiverPipelines receivers, HttpContext http, CancellationToken ct) =>
        {
            if (status is not null && !Statuses.Contains(status))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"must be one of {string.Join(", ", Statuses)}"] });
            }
            var admin = CallerScopes.IsAdmin(http);
            var views = await log.ListAsync(new NotificationQuery(status, ruleId, id, Math.Clamp(limit ?? 100, 1, 1000)), receivers.StateOf, ct);
            return TypedResults.Ok<IReadOnlyList<NotificationView>>([.. views.Select(v => v with { Url = WebhookUrls.ForCaller(v.Url, admin) })]);
        });
        notifications.MapGet("/breakers", (ReceiverPipelines receivers) => TypedResults.Ok(receivers.States));
        notifications.MapPost("/{id:guid}/replay", async Task<Results<Accepted, NotFound<ProblemDetailsLite>>> (Guid id, NotificationOutbox outbox, OutboxDispatcher dispatcher, CancellationToken ct) =>
        {
            if (!await outbox.ReplayAsync(id, ct))
            {
                return TypedResults.NotFound(new ProblemDetailsLite("No dead letter with this id", "Only dead-lettered notifications can be replayed"));
            }
            dispatcher.Wake();
            return TypedResults.Accepted($"/api/v1/notifications?id={id}");
        });
        app.MapPost("/api/v1/alert-rules/{id:guid}/test", async Task<Results<Accepted<TestNotificationResult>, NotFound, ValidationProblem>> (
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
            var notification = factory.Create(rule, new AlertEvent(AlertEventKind.Test, 0, labels, rule.Threshold, now, now, null));
            await outbox.AddAsync(notification, ct);
            dispatcher.Wake();
            return TypedResults.Accepted($"/api/v1/notifications?id={notification.Id}", new TestNotificationResult(
                notification.Id, WebhookUrls.ForCaller(notification.Url, CallerScopes.IsAdmin(http)), notification.Format));
        });
        return app;
    }
}
