using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Alerting.Receivers;

namespace PerfMonitor.Alerting.Routing;

public static class RoutingApi
{
    /// <summary>
    /// GET/PUT /api/v1/routing (the tree, inhibit rules and time intervals; JSON, or Alertmanager YAML with Accept or
    /// Content-Type application/yaml) and POST /api/v1/routing/dry-run (which receivers an alert with given labels reaches).
    /// </summary>
    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        var routing = app.MapGroup("/api/v1/routing");
        routing.MapGet("/", async (HttpRequest request, RoutingStore store, CancellationToken ct) =>
        {
            var config = (await store.GetAsync(ct))?.Config ?? new RoutingConfig();
            return RoutingConfigWriter.WantsYaml(request)
                ? Results.Text(RoutingConfigWriter.ToYaml(config), RoutingConfigWriter.YamlContentType)
                : Results.Json(config, RoutingConfigReader.Json);
        });
        routing.MapPut("/", async Task<Results<ContentHttpResult, ValidationProblem>> (HttpRequest request, RoutingStore store, RoutingCache cache, ReceiverStore receivers, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            var yaml = request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true;
            var (config, error) = yaml ? RoutingConfigReader.ReadYaml(text) : RoutingConfigReader.ReadJson(text);
            if (config is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [error!] }, title: "Invalid routing configuration");
            }
            var (tree, errors) = RoutingCompiler.Compile(config, await receivers.NamesAsync(ct));
            if (tree is null)
            {
                return TypedResults.ValidationProblem(errors, title: "Invalid routing configuration");
            }
            await store.SaveAsync(config, ct);
            cache.Use(tree);
            return TypedResults.Content(JsonSerializer.Serialize(config, RoutingConfigReader.Json), "application/json");
        });
        routing.MapPost("/dry-run", async Task<Results<Ok<DryRunResult>, ValidationProblem>> (DryRunRequest request, RoutingDryRun dryRun, CancellationToken ct) =>
        {
            var labels = request.Labels ?? [];
            if (RoutingDryRun.Check(labels) is var (field, reason))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] }, title: "Invalid labels");
            }
            return TypedResults.Ok(await dryRun.RunAsync(labels, ct));
        });
        return app;
    }
}
