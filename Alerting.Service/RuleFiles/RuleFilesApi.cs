using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Alerting.Access;

namespace PerfMonitor.Alerting.RuleFiles;

public static class RuleFilesApi
{
    /// <summary>
    /// <c>POST /api/v1/alert-rules/import</c> with a Prometheus rule file as the body (YAML, any content type): its alerting
    /// rules become expr rules, or nothing is imported and the problem names each refused field.
    /// </summary>
    public static IEndpointRouteBuilder MapRuleFilesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/alert-rules/import", async Task<Results<Ok<RuleFileImportResult>, ValidationProblem>> (
            HttpRequest request, RuleFileImport import, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var yaml = await reader.ReadToEndAsync(ct);
            var (result, errors) = await import.ImportAsync(yaml, CallerScopes.IsAdmin(request.HttpContext), ct);
            return result is null ? TypedResults.ValidationProblem(errors, title: "Invalid rule file") : TypedResults.Ok(result);
        });
        return app;
    }
}
