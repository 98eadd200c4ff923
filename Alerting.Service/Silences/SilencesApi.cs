using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Silences;

public static class SilencesApi
{
    public static IEndpointRouteBuilder MapSilencesApi(this IEndpointRouteBuilder app)
    {
        var silences = app.MapGroup("/api/v1/silences");
        silences.MapGet("/", async (string? state, SilenceStore store, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            return TypedResults.Ok((await store.ListAsync(ct)).Select(s => SilenceView.From(s, now)).Where(s => state is null || s.State == state));
        });
        silences.MapPost("/", async Task<Results<Created<SilenceView>, ValidationProblem>> (SilenceRequest request, SilenceStore store, SilenceCache cache, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var matchers = new List<LabelMatcher>();
            if (request.Matchers is not { Count: > 0 })
            {
                errors["matchers"] = ["at least one matcher is required"];
            }
            foreach (var (matcher, index) in (request.Matchers ?? []).Select((m, i) => (m, i)))
            {
                if (LabelMatcher.Check(matcher.Name, matcher.Op ?? "=", matcher.Value) is { } reason)
                {
                    errors[$"matchers[{index}]"] = [reason];
                    continue;
                }
                matchers.Add(new LabelMatcher(matcher.Name!, matcher.Op ?? "=", matcher.Value!));
            }
            var startsAt = request.StartsAt ?? now;
            DateTimeOffset endsAt = default;
            if (request.EndsAt is { } end)
            {
                endsAt = end;
            }
            else if (Duration.TryParse(request.Duration, out var length) && length > TimeSpan.Zero)
            {
                endsAt = startsAt + length;
            }
            else
            {
                errors["endsAt"] = ["endsAt or a positive duration (such as 2h) is required"];
            }
            if (endsAt != default && endsAt <= startsAt)
            {
                errors["endsAt"] = ["must be after startsAt"];
            }
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: "Invalid silence");
            }
            var silence = new Silence(Guid.CreateVersion7(), matchers, startsAt, endsAt, request.CreatedBy ?? "", request.Comment ?? "", now);
            await store.AddAsync(silence, ct);
            await cache.RefreshAsync(ct);
            return TypedResults.Created($"/api/v1/silences/{silence.Id}", SilenceView.From(silence, now));
        });
        silences.MapPost("/{id:guid}/expire", async Task<Results<NoContent, NotFound>> (Guid id, SilenceStore store, SilenceCache cache, CancellationToken ct) =>
        {
            if (!await store.ExpireAsync(id, ct))
            {
                return TypedResults.NotFound();
            }
            await cache.RefreshAsync(ct);
            return TypedResults.NoContent();
        });
        silences.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, SilenceStore store, SilenceCache cache, CancellationToken ct) =>
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
