using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Expressions;

namespace PerfMonitor.Alerting.Slos;

public static class SlosApi
{
    public static IEndpointRouteBuilder MapSlosApi(this IEndpointRouteBuilder app)
    {
        var slos = app.MapGroup("/api/v1/slos");
        slos.MapGet("/", async (SloStore store, CancellationToken ct) => TypedResults.Ok((await store.ListAsync(ct)).Select(SloView.From)));
        slos.MapGet("/{id:guid}", async Task<Results<Ok<SloView>, NotFound>> (Guid id, SloStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } slo ? TypedResults.Ok(SloView.From(slo)) : TypedResults.NotFound());
        slos.MapPost("/", async Task<Results<Created<SloView>, ValidationProblem>> (SloRequest request, SloCommands commands, CancellationToken ct) =>
            await commands.CreateAsync(request, ct) switch
            {
                ({ } slo, _) => TypedResults.Created($"/api/v1/slos/{slo.Id}", SloView.From(slo)),
                (_, var errors) => TypedResults.ValidationProblem(errors, title: "Invalid SLO"),
            });
        slos.MapPut("/{id:guid}", async Task<Results<Ok<SloView>, NotFound, ValidationProblem>> (Guid id, SloRequest request, SloCommands commands, CancellationToken ct) =>
            await commands.UpdateAsync(id, request, ct) switch
            {
                null => TypedResults.NotFound(),
                ({ } slo, _) => TypedResults.Ok(SloView.From(slo)),
                (_, var errors) => TypedResults.ValidationProblem(errors, title: "Invalid SLO"),
            });
        slos.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, SloCommands commands, CancellationToken ct) =>
            await commands.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound());
        slos.MapGet("/{id:guid}/budget", BudgetAsync);
        return app;
    }

    private static async Task<Results<Ok<BudgetSeries>, NotFound, ValidationProblem, ProblemHttpResult>> BudgetAsync(
        Guid id, string? start, string? end, string? step, SloStore store, BudgetQuery budget, TimeProvider clock, IOptions<SloOptions> options,
        CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } slo)
        {
            return TypedResults.NotFound();
        }
        var (from, to, every, errors) = BudgetRange.Parse(start, end, step, clock.GetUtcNow(), options.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid budget range");
        }
        try
        {
            return TypedResults.Ok(await budget.SeriesAsync(slo, from, to, every, ct));
        }
        catch (AnalyticsQueryException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status502BadGateway, title: "The analytics service did not answer the budget query");
        }
    }
}
