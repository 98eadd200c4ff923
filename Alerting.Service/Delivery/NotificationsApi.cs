using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Alerting.Access;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Delivery;

public static class NotificationsApi
{
    private static readonly string[] Statuses = [NotificationOutbox.Pending, NotificationOutbox.Delivered, NotificationOutbox.Dead];

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
        return app;
    }
}

public sealed record ProblemDetailsLite(string Title, string Detail);
