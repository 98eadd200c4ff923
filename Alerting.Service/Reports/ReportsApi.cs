using Microsoft.AspNetCore.Http.HttpResults;

namespace PerfMonitor.Alerting.Reports;

public static class ReportsApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports");
        reports.MapReportSchedules();
        reports.MapGet("/", async Task<Results<Ok<IReadOnlyList<ReportSummaryView>>, ValidationProblem>> (string? kind, int? limit, ReportStore store, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            ReportKind? parsed = null;
            if (kind is not null)
            {
                parsed = WireName<ReportKind>.TryParse(kind, out var k) ? k : null;
                if (parsed is null)
                {
                    errors["kind"] = [$"must be one of {string.Join(", ", WireName<ReportKind>.All)}"];
                }
            }
            if (limit is < 1 or > MaxLimit)
            {
                errors["limit"] = [$"must be between 1 and {MaxLimit}"];
            }
            return errors.Count > 0
                ? TypedResults.ValidationProblem(errors, title: "Invalid report query")
                : TypedResults.Ok(await store.ListAsync(parsed, limit ?? DefaultLimit, ct));
        });
        reports.MapGet("/{id:guid}", async Task<Results<Ok<ReportView>, NotFound>> (Guid id, ReportStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } stored ? TypedResults.Ok(ReportView.From(stored)) : TypedResults.NotFound());
        // The page itself, for a browser or an e-mail preview.
        reports.MapGet("/{id:guid}/html", async Task<Results<ContentHttpResult, NotFound>> (Guid id, ReportStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } stored ? TypedResults.Content(stored.Html, "text/html; charset=utf-8") : TypedResults.NotFound());
        reports.MapPost("/", async Task<Results<Created<ReportView>, ValidationProblem, Conflict>> (ReportRequest request, ReportGenerator generator, TimeProvider clock, CancellationToken ct) =>
        {
            if (!WireName<ReportKind>.TryParse(request.Kind, out var kind))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"must be one of {string.Join(", ", WireName<ReportKind>.All)}"] }, title: "Invalid report request");
            }
            var end = clock.GetUtcNow();
            var start = end - (kind == ReportKind.Daily ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7));
            return await generator.GenerateAsync(kind, start, end, ct) is { } stored
                ? TypedResults.Created($"/api/v1/reports/{stored.Id}", ReportView.From(stored))
                : TypedResults.Conflict();
        });
        return app;
    }
}
