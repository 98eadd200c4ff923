using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerfMonitor.Embedded;

namespace PerfMonitor.LoadGen;

/// <summary>
/// Alert latency: a threshold rule on load_incident, then every few seconds one breaching sample on a new
/// series (so each fires once), timed from the send to the webhook arriving at a loopback receiver.
/// </summary>
public sealed class AlertProbe : IAsyncDisposable
{
    private readonly WebApplication receiver;
    private readonly ConcurrentDictionary<string, long> sentAt = new();
    private readonly ConcurrentDictionary<string, double> latencies = new();
    private readonly ConcurrentDictionary<string, int> firings = new();

    private AlertProbe(WebApplication receiver, Uri url)
    {
        this.receiver = receiver;
        Url = url;
    }

    public Uri Url { get; }

    public const string LoadPhase = "load-";
    public const string IdlePhase = "idle-";

    public IReadOnlyCollection<double> LatenciesMs => Latencies(LoadPhase);

    public int Injected => InjectedIn(LoadPhase);

    /// <summary>The latencies of the incidents whose name starts with <paramref name="phase"/>.</summary>
    public IReadOnlyCollection<double> Latencies(string phase) => latencies.Where(l => l.Key.StartsWith(phase, StringComparison.Ordinal)).Select(l => l.Value).ToList();

    public int InjectedIn(string phase) => sentAt.Keys.Count(k => k.StartsWith(phase, StringComparison.Ordinal));

    /// <summary>Firing notifications beyond the first for the same incident: each incident breaches once, so each should alert once.</summary>
    public int DuplicatedIn(string phase) => firings.Where(f => f.Key.StartsWith(phase, StringComparison.Ordinal)).Sum(f => f.Value - 1);

    /// <summary>While set, the receiver stalls (fault mode: a webhook target that hangs, then answers 503).</summary>
    public bool Stalled { get; set; }

    public static async Task<AlertProbe> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var probe = new AlertProbe(app, new Uri($"http://127.0.0.1:{port}/hook"));
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var received = Stopwatch.GetTimestamp();
            if (probe.Stalled)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            var incident = FindIncident(body);
            if (incident is not null && probe.sentAt.TryGetValue(incident, out var sent) && IsFiring(body))
            {
                probe.latencies.TryAdd(incident, Stopwatch.GetElapsedTime(sent, received).TotalMilliseconds);
                probe.firings.AddOrUpdate(incident, 1, (_, seen) => seen + 1);
            }
            return Results.Ok();
        });
        await app.StartAsync();
        return probe;
    }

    public async Task CreateRuleAsync(HttpClient gateway, string runId, CancellationToken cancellationToken)
    {
        var response = await gateway.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = $"load incident {runId}",
            kind = "threshold",
            metric = "load_incident",
            labels = new Dictionary<string, string> { ["run"] = runId },
            aggregation = "max",
            window = "10s",
            condition = "greater_than",
            threshold = 100,
            @for = "0s",
            severity = "critical",
            webhookUrl = Url,
        }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Injects an incident every 2 s until cancelled or, when <paramref name="count"/> is set, that many.</summary>
    public async Task RunAsync(HttpClient gateway, string runId, CancellationToken cancellationToken, string phase = LoadPhase, int count = int.MaxValue)
    {
        for (var incident = 0; incident < count && !cancellationToken.IsCancellationRequested; incident++)
        {
            try
            {
                var name = $"{phase}{incident}";
                sentAt[name] = Stopwatch.GetTimestamp();
                await gateway.PostAsJsonAsync("/api/v1/samples", new
                {
                    samples = new[] { new { metric = "load_incident", labels = new Dictionary<string, string> { ["run"] = runId, ["incident"] = name }, value = 1000 } },
                }, cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync() => await receiver.DisposeAsync();

    /// <summary>Our versioned payload names its event; the other formats are told by the word.</summary>
    private static bool IsFiring(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("event", out var kind)
            ? kind.ValueEquals("firing")
            : body.ToString().Contains("firing", StringComparison.OrdinalIgnoreCase);

    /// <summary>The incident label, wherever the payload format keeps labels.</summary>
    private static string? FindIncident(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "incident" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        return property.Value.GetString();
                    }
                    if (FindIncident(property.Value) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(FindIncident).FirstOrDefault(f => f is not null);
            default:
                return null;
        }
    }
}
