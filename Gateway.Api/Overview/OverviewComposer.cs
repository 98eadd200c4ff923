using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfMonitor.Gateway.Overview;

/// <summary>
/// Composes the overview from analytics (health scores, anomalies) and alerting (firing alerts), asked in parallel.
/// A service that cannot answer leaves its part empty and is named in <c>sources</c>; the overview itself still answers.
/// Reads fields defensively: the services' responses may grow, and older versions may lack fields.
/// </summary>
public sealed partial class OverviewComposer(IHttpClientFactory clients, IngestMeter ingest, TimeProvider clock, ILogger<OverviewComposer> logger)
{
    public const string Analytics = "analytics";
    public const string Alerting = "alerting";
    private const int MaxAnomalies = 20;
    private const int MaxAlerts = 50;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    public async Task<OverviewResponse> ComposeAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddHours(-1).ToString("O", CultureInfo.InvariantCulture);
        var scoresTask = FetchAsync(Analytics, "/api/v1/health-scores", cancellationToken);
        var anomaliesTask = FetchAsync(Analytics, $"/api/v1/anomalies?from={Uri.EscapeDataString(since)}&limit={MaxAnomalies}", cancellationToken);
        var alertsTask = FetchAsync(Alerting, "/api/v1/alerts?state=firing", cancellationToken);
        await Task.WhenAll(scoresTask, anomaliesTask, alertsTask);
        var (scores, scoresSource) = scoresTask.Result;
        var (anomalies, anomaliesSource) = anomaliesTask.Result;
        var (alerts, alertsSource) = alertsTask.Result;

        var services = Items(scores, "services", "scores", "items").Select(ToService).Where(s => s is not null).Cast<ServiceHealth>().ToList();
        var overall = Number(scores, "performanceScore") ?? Number(scores, "overallScore") ?? Number(scores, "score")
            ?? (services.Any(s => s.Score is not null) ? Math.Round(services.Where(s => s.Score is not null).Average(s => s.Score!.Value), 1) : null);
        var firing = Items(alerts, "alerts", "items").Where(IsFiring).ToList();
        var recent = Items(anomalies, "anomalies", "items").Take(MaxAnomalies).ToList();
        var (requests, bytes) = ingest.Rate();

        return new OverviewResponse(
            clock.GetUtcNow(),
            overall,
            PerformanceBands.Of(overall),
            services,
            new ActiveAlerts(
                firing.Count,
                firing.GroupBy(a => Text(a, "severity") ?? "unknown").ToDictionary(g => g.Key, g => g.Count()),
                firing.Take(MaxAlerts).ToList()),
            recent,
            new IngestRate(IngestSamplesPerSecond(scores), Math.Round(requests, 3), Math.Round(bytes, 1)),
            services.SelectMany(s => s.Recommendations.Select(r => $"{s.Name}: {r}"))
                .Concat(Strings(scores, "recommendations"))
                .Distinct()
                .ToList(),
            new Dictionary<string, string>
            {
                ["health-scores"] = scoresSource,
                ["anomalies"] = anomaliesSource,
                ["alerts"] = alertsSource,
            });
    }

    private async Task<(JsonNode? Body, string Source)> FetchAsync(string service, string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        try
        {
            using var response = await clients.CreateClient(service).GetAsync(path, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"{service} answered {(int)response.StatusCode}");
            }
            return (await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token), "ok");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            LogSourceFailed(logger, service, path, ex.Message);
            return (null, $"{service} unavailable");
        }
    }

    private static ServiceHealth? ToService(JsonNode node)
    {
        var name = Text(node, "service") ?? Text(node, "name");
        if (name is null)
        {
            return null;
        }
        var score = Number(node, "score");
        var components = node["components"] switch
        {
            JsonArray array => array.OfType<JsonNode>().Select(c => new ScoreComponent(
                Text(c, "name") ?? Text(c, "component") ?? "?", Number(c, "score"), Number(c, "value"), Text(c, "unit"))).ToList(),
            JsonObject map => map.Select(p => p.Value is JsonObject o
                ? new ScoreComponent(p.Key, Number(o, "score"), Number(o, "value"), Text(o, "unit"))
                : new ScoreComponent(p.Key, Number(p.Value), null, null)).ToList(),
            _ => [],
        };
        return new ServiceHealth(name, score, Text(node, "status") ?? PerformanceBands.Of(score), components, Strings(node, "recommendations"));
    }

    private static bool IsFiring(JsonNode alert) => (Text(alert, "state") ?? "firing").Equals("firing", StringComparison.OrdinalIgnoreCase);

    private static double? IngestSamplesPerSecond(JsonNode? scores) =>
        Number(scores?["ingest"], "samplesPerSecond") ?? Number(scores, "ingestRate") ?? Number(scores, "samplesPerSecond");

    private static IEnumerable<JsonNode> Items(JsonNode? body, params string[] names) => body switch
    {
        JsonArray array => array.OfType<JsonNode>(),
        JsonObject obj => names.Select(n => obj[n]).OfType<JsonArray>().FirstOrDefault()?.OfType<JsonNode>() ?? [],
        _ => [],
    };

    private static IReadOnlyList<string> Strings(JsonNode? node, string name) => node?[name] is JsonArray array
        ? array.Select(r => r is JsonValue v && v.TryGetValue<string>(out var s) ? s : Text(r, "message") ?? Text(r, "text")).OfType<string>().ToList()
        : [];

    private static string? Text(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static double? Number(JsonNode? node, string name) => node is JsonObject obj ? Number(obj[name]) : null;

    private static double? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overview: {Service} did not answer {Path}: {Reason}")]
    private static partial void LogSourceFailed(ILogger logger, string service, string path, string reason);
}
