using PerfMonitor.LoadGen.RemoteWrite.Targets;
using PerfMonitor.LoadGen.Usage;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// The comparison: the identical workload (the same series, requests and phases) offered to PerfMonitor through its
/// gateway, then to each peer started for the purpose, one system at a time so none shares the cores with another.
/// </summary>
public sealed class RemoteWriteRun(LoadOptions options, TextWriter console)
{
    private static readonly TimeSpan GatewayTimeout = TimeSpan.FromSeconds(30);

    public async Task<ComparisonReport> RunAsync(CancellationToken cancellationToken)
    {
        var workload = options.RemoteWrite;
        var started = DateTimeOffset.UtcNow;
        var series = SeriesSet.Create($"rw{started:HHmmss}{Random.Shared.Next(100, 999)}", workload.Series, workload.Metrics);
        console.WriteLine($"Remote write run {series.RunId}: {workload.Series:N0} series, {workload.SeriesPerRequest:N0} per request, {workload.Senders} senders, " +
            $"steps {string.Join(", ", workload.Steps.Select(s => RampRunner.Rate(s)))}; PerfMonitor{string.Concat(workload.Peers.Select(p => ", " + PeerKinds.Known[p].Name))}");
        var systems = new List<SystemResult> { await RunPerfMonitorAsync(series, cancellationToken) };
        foreach (var peer in workload.Peers)
        {
            await using var target = await PeerTarget.StartAsync(PeerKinds.Known[peer], cancellationToken);
            systems.Add(await new RampRunner(target, series, workload, console).RunAsync(null, cancellationToken));
        }
        return new ComparisonReport
        {
            RunId = series.RunId,
            StartedAt = started,
            Workload = workload,
            ProcessorCount = Environment.ProcessorCount,
            Systems = systems,
        };
    }

    private async Task<SystemResult> RunPerfMonitorAsync(SeriesSet series, CancellationToken cancellationToken)
    {
        await using var system = await BootedSystem.StartAsync(options, console, cancellationToken);
        using var gateway = new HttpClient { BaseAddress = system.GatewayUrl, Timeout = GatewayTimeout, DefaultRequestHeaders = { { "X-Api-Key", system.ApiKey } } };
        var writeUrl = new Uri(system.GatewayUrl, "/api/v1/write");
        var auth = await PerfMonitorTarget.ChooseAuthAsync(writeUrl, system.ApiKey, cancellationToken);
        var app = system.App;
        var live = app is null ? null : new MinuteRollupCount(await app.PostgresConnectionStringAsync(cancellationToken));
        await using var target = new PerfMonitorTarget(
            new RemoteWriteClient(writeUrl, auth), gateway, series, app is null ? null : new PerfMonitorProcesses(app), live, DateTimeOffset.UtcNow);
        await using var probes = await HoldProbes.StartAsync(gateway, series.RunId, options.IdleAlertProbes, cancellationToken);
        var result = await new RampRunner(target, series, options.RemoteWrite, console).RunAsync(probes, cancellationToken);
        if (app is not null)
        {
            await probes.PrintStagesAsync(await app.PostgresConnectionStringAsync(cancellationToken), console, cancellationToken);
        }
        return result;
    }
}
