using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Routing;

public static class RoutingApi
{
    /// <summary>
    /// GET/PUT /api/v1/routing (the tree, inhibit rules and time intervals; PUT takes JSON, or Alertmanager YAML with
    /// Content-Type application/yaml) and POST /api/v1/routing/dry-run (which receivers an alert with given labels reaches).
    /// </summary>
    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        var routing = app.MapGroup("/api/v1/routing");
        routing.MapGet("/", async (RoutingStore store, CancellationToken ct) =>
            Results.Json((await store.GetAsync(ct))?.Config ?? new RoutingConfig(), RoutingConfigReader.Json));
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
        routing.MapPost("/dry-run", async Task<Results<Ok<DryRunResult>, ValidationProblem>> (DryRunRequest request, RoutingCache cache, GroupTimings timings, TimeProvider clock, CancellationToken ct) =>
        {
            var labels = request.Labels ?? [];
            foreach (var name in labels.Keys.Where(name => !RuleValidator.LabelName().IsMatch(name)))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [$"labels.{name}"] = ["is not a label name"] }, title: "Invalid labels");
            }
            await cache.RefreshAsync(ct);
            var tree = cache.Tree;
            var now = clock.GetUtcNow();
            var routes = tree.Match(labels).Select(route => new DryRunRoute(
                route.Options.Receiver, route.Key, route.Options.GroupByAll ? ["..."] : [.. route.Options.GroupBy.Order(StringComparer.Ordinal)],
                route.GroupLabels(labels), Duration.Format(timings.GroupWait(route, labels)), Duration.Format(timings.GroupInterval(route)),
                Duration.Format(timings.RepeatInterval(route)), tree.IsMuted(route, now))).ToList();
            return TypedResults.Ok(new DryRunResult([.. routes.Select(r => r.Receiver).Distinct()], routes));
        });
        return app;
    }
}
