using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Alerting.State;

namespace PerfMonitor.Alerting.Acknowledgement;

public static class AcknowledgementsApi
{
    private const string LinkVia = "signed link";

    /// <summary>
    /// POST /api/v1/alerts/{id}/acknowledge (who, optional comment), and the signed link's /ack/{token}: GET shows a
    /// confirmation page, POST (its form) acknowledges.
    /// </summary>
    public static IEndpointRouteBuilder MapAcknowledgementsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/alerts/{id}/acknowledge", async Task<Results<Ok<AlertView>, ValidationProblem, ProblemHttpResult>> (
            string id, AcknowledgeRequest? request, AlertAcknowledger acknowledger, CancellationToken ct) =>
        {
            request ??= new AcknowledgeRequest(null, null);
            if (request.Check() is { Count: > 0 } errors)
            {
                return TypedResults.ValidationProblem(errors, title: "Invalid acknowledgement");
            }
            var outcome = await acknowledger.AcknowledgeAsync(id, request.By!, request.Comment, null, ct);
            return outcome.Status switch
            {
                AcknowledgeStatus.Acknowledged => TypedResults.Ok(outcome.Alert!),
                AcknowledgeStatus.NotFound => TypedResults.Problem($"no alert {id}: ids are the fingerprints GET /api/v1/alerts lists", statusCode: StatusCodes.Status404NotFound, title: "No such alert"),
                _ => TypedResults.Problem($"alert {id} is {outcome.Alert!.State}; only a firing alert can be acknowledged", statusCode: StatusCodes.Status409Conflict, title: "Alert not firing"),
            };
        });
        app.MapGet(AcknowledgeLinks.PathPrefix + "{token}", async (string token, AcknowledgeLinks links, AlertQueries queries, AlertLookup lookup, HttpResponse response, CancellationToken ct) =>
        {
            var reading = links.Read(token);
            if (Refusal(reading) is { } refused)
            {
                return Html(response, refused.Status, AcknowledgePage.Problem(refused.Title, refused.Detail));
            }
            return await lookup.FindAsync(reading.AlertId, ct) is var (ruleId, seriesId) && await queries.GetAsync(ruleId, seriesId, ct) is { } alert
                ? Html(response, StatusCodes.Status200OK, AcknowledgePage.Confirm(alert))
                : Html(response, StatusCodes.Status404NotFound, AcknowledgePage.Problem("No such alert", "The alert this link was sent for no longer exists."));
        });
        app.MapPost(AcknowledgeLinks.PathPrefix + "{token}", async (string token, HttpRequest request, AcknowledgeLinks links, AlertAcknowledger acknowledger, HttpResponse response, CancellationToken ct) =>
        {
            var reading = links.Read(token);
            if (Refusal(reading) is { } refused)
            {
                return Html(response, refused.Status, AcknowledgePage.Problem(refused.Title, refused.Detail));
            }
            var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
            var name = form?["by"].ToString();
            var by = string.IsNullOrWhiteSpace(name) ? LinkVia : $"{name.Trim()} ({LinkVia})";
            var comment = form?["comment"].ToString();
            if (new AcknowledgeRequest(by, comment).Check() is { Count: > 0 } errors)
            {
                return Html(response, StatusCodes.Status400BadRequest, AcknowledgePage.Problem("Invalid acknowledgement", string.Join("; ", errors.Select(e => $"{e.Key} {e.Value[0]}"))));
            }
            var outcome = await acknowledger.AcknowledgeAsync(reading.AlertId, by, comment, reading.FiredAt, ct);
            return outcome.Status switch
            {
                AcknowledgeStatus.Acknowledged => Html(response, StatusCodes.Status200OK, AcknowledgePage.Done(outcome.Alert!)),
                AcknowledgeStatus.NotFound => Html(response, StatusCodes.Status404NotFound, AcknowledgePage.Problem("No such alert", "The alert this link was sent for no longer exists.")),
                _ => Html(response, StatusCodes.Status409Conflict, AcknowledgePage.Problem("Alert no longer firing",
                    $"The firing this link was sent for has ended (the alert is {outcome.Alert!.State} now); nothing was acknowledged.")),
            };
        });
        return app;
    }

    private static (int Status, string Title, string Detail)? Refusal(LinkReading reading) => reading.Problem switch
    {
        LinkProblem.Invalid => (StatusCodes.Status400BadRequest, "Invalid link",
            "This acknowledge link is not valid: it was changed, cut short, or not made by this PerfMonitor. Acknowledge the alert in the dashboard."),
        LinkProblem.Expired => (StatusCodes.Status410Gone, "Link expired",
            $"This acknowledge link expired at {reading.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC. Acknowledge the alert in the dashboard."),
        _ => null,
    };

    /// <summary>An HTML page that no cache keeps and that does not pass its URL (the token) on as a referrer.</summary>
    private static IResult Html(HttpResponse response, int status, string html)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
