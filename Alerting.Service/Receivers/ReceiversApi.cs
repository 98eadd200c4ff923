using Microsoft.AspNetCore.Http.HttpResults;
namespace PerfMonitor.Alerting.Receivers;

public static class ReceiversApi
{
    /// <summary>/api/v1/receivers: list, read, create, replace and delete named receivers; a receiver the routing tree or a report schedule names cannot be deleted.</summary>
    public static IEndpointRouteBuilder MapReceiversApi(this IEndpointRouteBuilder app)
    {
        var receivers = app.MapGroup("/api/v1/receivers");
        receivers.MapGet("/", async (ReceiverStore store, CancellationToken ct) => TypedResults.Ok((await store.ListAsync(ct)).Select(ReceiverView.From)));
        receivers.MapGet("/{name}", async Task<Results<Ok<ReceiverView>, NotFound>> (string name, ReceiverStore store, CancellationToken ct) =>
            await store.GetAsync(name, ct) is { } receiver ? TypedResults.Ok(ReceiverView.From(receiver)) : TypedResults.NotFound());
        receivers.MapPost("/", async Task<Results<Created<ReceiverView>, ValidationProblem, ProblemHttpResult>> (ReceiverRequest request, ReceiverCommands commands, CancellationToken ct) =>
        {
            var (receiver, errors) = await commands.CreateAsync(request, ct);
            return receiver is not null ? TypedResults.Created($"/api/v1/receivers/{Uri.EscapeDataString(receiver.Name)}", ReceiverView.From(receiver))
                : errors.ContainsKey(ReceiverCommands.Taken) ? TypedResults.Problem($"a receiver named '{request.Name}' exists; PUT /api/v1/receivers/{{name}} replaces it", statusCode: StatusCodes.Status409Conflict, title: "Receiver exists")
                : TypedResults.ValidationProblem(errors, title: "Invalid receiver");
        });
        receivers.MapPut("/{name}", async Task<Results<Ok<ReceiverView>, ValidationProblem, NotFound>> (string name, ReceiverRequest request, ReceiverCommands commands, CancellationToken ct) =>
            await commands.ReplaceAsync(name, request, ct) switch
            {
                null => TypedResults.NotFound(),
                ({ } receiver, _) => TypedResults.Ok(ReceiverView.From(receiver)),
                (_, var errors) => TypedResults.ValidationProblem(errors, title: "Invalid receiver"),
            });
        receivers.MapDelete("/{name}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (string name, ReceiverCommands commands, CancellationToken ct) =>
            await commands.DeleteAsync(name, ct) switch
            {
                null => TypedResults.NotFound(),
                [] => TypedResults.NoContent(),
                var uses => TypedResults.Problem(string.Join("; ", uses), statusCode: StatusCodes.Status409Conflict, title: "Receiver in use"),
            });
        return app;
    }
}
