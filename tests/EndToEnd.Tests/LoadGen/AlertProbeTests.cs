using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerfMonitor.Embedded;
using PerfMonitor.LoadGen;
using PerfMonitor.LoadGen.Incidents;

namespace PerfMonitor.EndToEnd.Tests.LoadGen;

/// <summary>
/// The alert probe counts what the system was given: an incident whose sample was refused is tried again, one never
/// acknowledged is not a lost alert, and one that was acknowledged and never alerted is lost with the faults it overlapped.
/// The gateway here is a stand-in that answers the sample POSTs as told (no PerfMonitor runs).
/// </summary>
public sealed class AlertProbeTests
{
    private const string RunId = "probe1";

    [Fact(Timeout = 60_000)]
    public async Task An_incident_refused_twice_is_sent_again_and_counts_once_acknowledged()
    {
        await using var gateway = await StandInGateway.StartAsync(refuseFirst: 2);
        await using var probe = await AlertProbe.StartAsync();

        await probe.RunAsync(gateway.Client, RunId, CancellationToken.None, AlertProbe.LoadPhase, count: 1);
        await FireAsync(probe, $"{AlertProbe.LoadPhase}0");

        Assert.Equal(3, gateway.Posts);
        Assert.Equal(1, probe.InjectedIn(AlertProbe.LoadPhase));
        Assert.Single(probe.Latencies(AlertProbe.LoadPhase));
        Assert.Empty(probe.Unalerted(AlertProbe.LoadPhase, Stopwatch.GetTimestamp(), []));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_incident_the_gateway_never_acknowledges_is_not_injected_and_not_lost()
    {
        await using var gateway = await StandInGateway.StartAsync(refuseFirst: int.MaxValue);
        await using var probe = await AlertProbe.StartAsync();
        var runStart = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await probe.RunAsync(gateway.Client, RunId, stop.Token, AlertProbe.LoadPhase, count: 1);

        Assert.Equal(0, probe.InjectedIn(AlertProbe.LoadPhase));
        var incident = Assert.Single(probe.Unalerted(AlertProbe.LoadPhase, runStart, []));
        Assert.Equal(IncidentVerdicts.NotAcknowledged, incident.Verdict);
        Assert.Equal("HTTP 503", incident.LastSendError);
        Assert.True(incident.SendAttempts > 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_acknowledged_incident_that_never_alerts_is_lost_and_names_the_fault_it_overlapped()
    {
        await using var gateway = await StandInGateway.StartAsync(refuseFirst: 0);
        await using var probe = await AlertProbe.StartAsync();
        var runStart = Stopwatch.GetTimestamp();
        var started = Stopwatch.StartNew();

        await probe.RunAsync(gateway.Client, RunId, CancellationToken.None, AlertProbe.LoadPhase, count: 1);
        FaultOutcome[] faults =
        [
            new("kill alerting", started.Elapsed.TotalSeconds - 1, 10, "SIGKILL"),
            new("kafka outage", started.Elapsed.TotalSeconds + 100, 5, "broker down 5s"),
        ];

        var incident = Assert.Single(probe.Unalerted(AlertProbe.LoadPhase, runStart, faults));
        Assert.Equal(IncidentVerdicts.Lost, incident.Verdict);
        Assert.StartsWith("kill alerting (", Assert.Single(incident.Faults));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_alert_that_arrives_before_the_send_is_answered_still_counts_with_its_latency()
    {
        AlertProbe? target = null;
        await using var gateway = await StandInGateway.StartAsync(refuseFirst: 0, beforeAccepting: () => FireAsync(target!, $"{AlertProbe.LoadPhase}0"));
        await using var probe = target = await AlertProbe.StartAsync();

        await probe.RunAsync(gateway.Client, RunId, CancellationToken.None, AlertProbe.LoadPhase, count: 1);

        Assert.Single(probe.Latencies(AlertProbe.LoadPhase));
        Assert.Empty(probe.Unalerted(AlertProbe.LoadPhase, Stopwatch.GetTimestamp(), []));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_routed_group_notification_counts_as_firing_only_while_its_status_is_firing()
    {
        await using var gateway = await StandInGateway.StartAsync(refuseFirst: 0);
        await using var probe = await AlertProbe.StartAsync();
        await probe.RunAsync(gateway.Client, RunId, CancellationToken.None, AlertProbe.LoadPhase, count: 1);
        var incident = $"{AlertProbe.LoadPhase}0";

        await PostGroupAsync(probe, "resolved", incident);
        Assert.Empty(probe.Latencies(AlertProbe.LoadPhase));

        await PostGroupAsync(probe, "firing", incident);
        Assert.Single(probe.Latencies(AlertProbe.LoadPhase));
        Assert.Equal(0, probe.DuplicatedIn(AlertProbe.LoadPhase));
    }

    /// <summary>
    /// An Alertmanager webhook v4 message for a group of one, as a routed webhook receiver sends it; its annotation says
    /// "firing" whatever the status, as rule descriptions do, so only the status may decide.
    /// </summary>
    private static async Task PostGroupAsync(AlertProbe probe, string status, string incident)
    {
        using var client = new HttpClient();
        var labels = new { alertname = "load incident", run = RunId, incident };
        using var response = await client.PostAsJsonAsync(probe.Url, new
        {
            version = "4",
            status,
            receiver = $"loadgen-{RunId}",
            groupLabels = labels,
            commonLabels = labels,
            commonAnnotations = new { summary = "load_incident is firing above 100" },
            alerts = new[] { new { status, labels, annotations = new { summary = "load_incident is firing above 100" } } },
        });
        response.EnsureSuccessStatusCode();
    }

    private static async Task FireAsync(AlertProbe probe, string incident)
    {
        using var client = new HttpClient();
        using var response = await client.PostAsJsonAsync(probe.Url, new { @event = "firing", labels = new { run = RunId, incident } });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Answers POST /api/v1/samples with 503 for the first <c>refuseFirst</c> requests, then 202, after running
    /// <c>beforeAccepting</c> when given (an alert that overtakes the answer).
    /// </summary>
    private sealed class StandInGateway(WebApplication app, HttpClient client) : IAsyncDisposable
    {
        private int posts;

        public HttpClient Client { get; } = client;

        public int Posts => Volatile.Read(ref posts);

        public static async Task<StandInGateway> StartAsync(int refuseFirst, Func<Task>? beforeAccepting = null)
        {
            var port = FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var gateway = new StandInGateway(app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
            app.MapPost("/api/v1/samples", async () =>
            {
                if (Interlocked.Increment(ref gateway.posts) <= refuseFirst)
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }
                if (beforeAccepting is not null)
                {
                    await beforeAccepting();
                }
                return Results.StatusCode(StatusCodes.Status202Accepted);
            });
            await app.StartAsync();
            return gateway;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await app.DisposeAsync();
        }
    }
}
