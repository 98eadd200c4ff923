using System.Diagnostics;
using PerfMonitor.LoadGen.Incidents;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// The mixed workload's freshness and alert probes, run against PerfMonitor during the hold: what a user would feel at
/// that load. Their samples carry their own run label, so they never mix with the workload's count.
/// </summary>
public sealed class HoldProbes : IAsyncDisposable
{
    private const int TracedIncidents = 3;
    private static readonly TimeSpan AlertWaitTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient gateway;
    private readonly string probeRunId;
    private readonly AlertProbe alerts;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<FreshnessProbe> freshness = [];

    private HoldProbes(HttpClient gateway, string probeRunId, AlertProbe alerts)
    {
        this.gateway = gateway;
        this.probeRunId = probeRunId;
        this.alerts = alerts;
    }

    /// <summary>
    /// Creates the alert rule and times <paramref name="idleAlerts"/> alerts before any load, as the default workload
    /// does: the first alerts after start pay for the alert path's first compilation and the webhook's first
    /// connection, which is start-up, not load; they are reported apart from the hold's.
    /// </summary>
    public static async Task<HoldProbes> StartAsync(HttpClient gateway, string runId, int idleAlerts, CancellationToken cancellationToken)
    {
        var probeRunId = runId + "probe";
        var alerts = await AlertProbe.StartAsync();
        try
        {
            await alerts.CreateRuleAsync(gateway, probeRunId, routed: false, cancellationToken);
            await alerts.RunAsync(gateway, probeRunId, cancellationToken, AlertProbe.IdlePhase, idleAlerts);
            await alerts.WaitForAsync(AlertProbe.IdlePhase, idleAlerts, AlertWaitTimeout, cancellationToken);
            return new HoldProbes(gateway, probeRunId, alerts);
        }
        catch
        {
            await alerts.DisposeAsync();
            throw;
        }
    }

    public Task RunAsync(CancellationToken stop)
    {
        var probe = new FreshnessProbe(gateway, probeRunId, clock);
        freshness.Add(probe);
        return Task.WhenAll(probe.RunAsync(stop), alerts.RunAsync(gateway, probeRunId, stop));
    }

    /// <summary>Waits (bounded) for the webhooks of incidents injected near the end, then summarises.</summary>
    public async Task<HoldProbeResult> ResultAsync(CancellationToken cancellationToken)
    {
        await alerts.WaitForAsync(AlertProbe.LoadPhase, alerts.Injected, AlertWaitTimeout, cancellationToken);
        var fresh = freshness.SelectMany(f => f.LatenciesMs).ToList();
        var alert = alerts.LatenciesMs;
        var idle = alerts.Latencies(AlertProbe.IdlePhase);
        return new HoldProbeResult(
            Stats.Percentile(fresh, 0.5), Stats.Percentile(fresh, 0.99), fresh.Count,
            Stats.Percentile(alert, 0.5), Stats.Percentile(alert, 0.99), alert.Count, alerts.Injected)
        {
            IdleAlertP50Ms = Stats.Percentile(idle, 0.5),
            IdleAlertMaxMs = idle.Count == 0 ? 0 : idle.Max(),
            IdleAlertsReceived = idle.Count,
            IdleAlertsInjected = alerts.InjectedIn(AlertProbe.IdlePhase),
        };
    }

    /// <summary>Where the hold's and the idle alerts' incidents spent their time (<see cref="PhaseStages"/>), read before the system is torn down.</summary>
    public Task PrintStagesAsync(string postgres, TextWriter console, CancellationToken cancellationToken) =>
        PhaseStages.PrintAsync(postgres, probeRunId,
            [new("hold", alerts.SlowestCourses(AlertProbe.LoadPhase, int.MaxValue)), new("idle, before the load", alerts.SlowestCourses(AlertProbe.IdlePhase, int.MaxValue))],
            TracedIncidents, console, cancellationToken);

    public ValueTask DisposeAsync() => alerts.DisposeAsync();
}
