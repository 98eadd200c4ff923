using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerfMonitor.Embedded;
using PerfMonitor.LoadGen.Incidents;

namespace PerfMonitor.LoadGen;

/// <summary>
/// Alert latency: a threshold rule on load_incident, then every few seconds one breaching sample on a new
/// series (so each fires once), timed from the acknowledged send to the webhook arriving at a loopback receiver. A send
/// that is not acknowledged (a fault) is tried again, as a client would; every incident's course is kept, so a run can
/// say what became of each one that did not alert.
/// </summary>
public sealed class AlertProbe : IAsyncDisposable
{
    private readonly WebApplication receiver;
    /// <summary>How long an incident's sample is tried again while the gateway or collector refuses it.</summary>
    private static readonly TimeSpan SendRetryFor = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan SendRetryDelay = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<string, ProbeIncident> incidents = new();

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
    public IReadOnlyCollection<double> Latencies(string phase) => [.. In(phase).Where(i => i.LatencyMs is not null).Select(i => i.LatencyMs!.Value)];

    /// <summary>Incidents whose sample the system acknowledged: each of them must alert.</summary>
    public int InjectedIn(string phase) => In(phase).Count(i => i.AcknowledgedSendAt is not null);

    /// <summary>Firing notifications beyond the first for the same incident: each incident breaches once, so each should alert once.</summary>
    public int DuplicatedIn(string phase) => In(phase).Sum(i => Math.Max(0, i.Firings - 1));

    /// <summary>
    /// Every incident of the phase that has not alerted, with when it was sent relative to <paramref name="runStart"/> (a
    /// Stopwatch timestamp) and the faults it overlapped.
    /// </summary>
    public IReadOnlyList<IncidentOutcome> Unalerted(string phase, long runStart, IReadOnlyList<FaultOutcome> faults) =>
        [.. In(phase).Where(i => i.Firings == 0).OrderBy(i => i.FirstSentAt)
            .Select(i => Outcome(i, i.AcknowledgedSendAt is null ? IncidentVerdicts.NotAcknowledged : IncidentVerdicts.Lost, runStart, faults))];

    /// <summary>The <paramref name="count"/> incidents that took longest to alert, with the faults they overlapped.</summary>
    public IReadOnlyList<IncidentOutcome> Slowest(string phase, int count, long runStart, IReadOnlyList<FaultOutcome> faults) =>
        [.. In(phase).Where(i => i.LatencyMs is not null).OrderByDescending(i => i.LatencyMs).Take(count)
            .Select(i => Outcome(i, IncidentVerdicts.Slow, runStart, faults))];

    /// <summary>The courses of the <paramref name="count"/> incidents that took longest to alert, slowest first.</summary>
    public IReadOnlyList<ProbeIncident> SlowestCourses(string phase, int count) =>
        [.. In(phase).Where(i => i.LatencyMs is not null).OrderByDescending(i => i.LatencyMs).Take(count)];

    private static IncidentOutcome Outcome(ProbeIncident incident, string verdict, long runStart, IReadOnlyList<FaultOutcome> faults)
    {
        var sent = Stopwatch.GetElapsedTime(runStart, incident.FirstSentAt).TotalSeconds;
        return new IncidentOutcome(
            incident.Name,
            Math.Round(sent, 1),
            incident.AcknowledgedSendAt is { } acknowledged ? Math.Round(Stopwatch.GetElapsedTime(runStart, acknowledged).TotalSeconds, 1) : null,
            incident.SendAttempts,
            incident.LastSendError,
            incident.StalledDeliveries,
            incident.LatencyMs is { } latency ? Math.Round(latency) : null,
            verdict,
            FaultOverlap.Of(sent, faults));
    }

    private IEnumerable<ProbeIncident> In(string phase) => incidents.Values.Where(i => i.Name.StartsWith(phase, StringComparison.Ordinal));

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
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            var incident = FindIncident(body) is { } name && probe.incidents.TryGetValue(name, out var known) ? known : null;
            if (probe.Stalled)
            {
                incident?.Stalled();
                await Task.Delay(TimeSpan.FromSeconds(5));
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            if (incident is not null && IsFiring(body))
            {
                incident.Fired(received);
            }
            return Results.Ok();
        });
        await app.StartAsync();
        return probe;
    }

    /// <summary>The probe's rule: its own webhook to this receiver, or with <paramref name="routed"/> no webhook and a route to it.</summary>
    public async Task CreateRuleAsync(HttpClient gateway, string runId, bool routed, CancellationToken cancellationToken)
    {
        if (routed)
        {
            await RoutedReceiver.ConfigureAsync(gateway, runId, Url, cancellationToken);
        }
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
            webhookUrl = routed ? null : Url,
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
                var course = incidents[name] = new ProbeIncident(name, Stopwatch.GetTimestamp());
                await SendAsync(gateway, runId, course, cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits until <paramref name="expected"/> incidents of the phase reached the webhook, or <paramref name="timeout"/> passed.</summary>
    public async Task WaitForAsync(string phase, int expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (Latencies(phase).Count < expected && waited.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>Sends the incident's breaching sample until it is acknowledged, for a bounded time.</summary>
    private static async Task SendAsync(HttpClient gateway, string runId, ProbeIncident incident, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetElapsedTime(incident.FirstSentAt) < SendRetryFor)
        {
            var started = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                using var response = await gateway.PostAsJsonAsync("/api/v1/samples", new
                {
                    samples = new[] { new { metric = "load_incident", labels = new Dictionary<string, string> { ["run"] = runId, ["incident"] = incident.Name }, value = 1000 } },
                }, cancellationToken);
                error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                error = ex.HttpRequestError.ToString();
            }
            incident.Attempted(started, Stopwatch.GetTimestamp(), error);
            if (error is null)
            {
                return;
            }
            await Task.Delay(SendRetryDelay, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await receiver.DisposeAsync();

    /// <summary>Our versioned payload names its event, Alertmanager's webhook v4 (a routed group) its status; other formats are told by the word.</summary>
    private static bool IsFiring(JsonElement body) =>
        body.ValueKind != JsonValueKind.Object ? body.ToString().Contains("firing", StringComparison.OrdinalIgnoreCase)
        : body.TryGetProperty("event", out var kind) ? kind.ValueEquals("firing")
        : body.TryGetProperty("status", out var status) ? status.ValueEquals("firing")
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
