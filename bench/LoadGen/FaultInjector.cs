using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using PerfMonitor.Contracts;
using PerfMonitor.SystemTesting;

namespace PerfMonitor.LoadGen;

/// <summary>
/// The fault schedule of --faults, spread over the run: Kafka outage, PostgreSQL restart, each service killed
/// once (SIGKILL), and a stalled webhook receiver. Each fault's recovery time is measured. Outages go through the
/// resources' commands, as the dashboard's buttons run them; killed services are restarted by the AppHost.
/// </summary>
public sealed class FaultInjector(PerfMonitorSystem app, AlertProbe alerts, Stopwatch run, TextWriter console)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    public List<FaultOutcome> Outcomes { get; } = [];

    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var steps = new List<(string Name, Func<Task<string>> Inject)>
        {
            ("kafka outage", async () =>
            {
                await app.Kafka.SetDownAsync(cancellationToken);
                await Task.Delay(Outage, cancellationToken);
                await app.Kafka.SetUpAsync(cancellationToken);
                await WaitAllHealthyAsync(cancellationToken);
                return $"broker down {Outage.TotalSeconds}s";
            }),
            ("postgresql restart", async () =>
            {
                await app.ExecuteCommandAsync(ResourceNames.MetricsDb, KnownResourceCommands.StopCommand, cancellationToken);
                await Task.Delay(Outage, cancellationToken);
                await app.ExecuteCommandAsync(ResourceNames.MetricsDb, KnownResourceCommands.StartCommand, cancellationToken);
                await WaitAllHealthyAsync(cancellationToken);
                return $"server stopped {Outage.TotalSeconds}s";
            }),
        };
        foreach (var service in new[] { ResourceNames.Collector, ResourceNames.Analytics, ResourceNames.Alerting, ResourceNames.Gateway })
        {
            steps.Add(new($"kill {service}", async () =>
            {
                app.Service(service).Kill();
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                await WaitAllHealthyAsync(cancellationToken);
                return "SIGKILL, restarted by the AppHost";
            }));
        }
        steps.Add(new("webhook receiver stalled", async () =>
        {
            alerts.Stalled = true;
            await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
            alerts.Stalled = false;
            return "5 s hangs then 503 for 15 s";
        }));

        var gap = duration / (steps.Count + 1);
        foreach (var (name, inject) in steps)
        {
            await Task.Delay(gap, cancellationToken);
            var watch = Stopwatch.StartNew();
            var at = run.Elapsed.TotalSeconds;
            console.WriteLine($"  fault: {name}");
            try
            {
                var detail = await inject();
                Outcomes.Add(new FaultOutcome(name, at, watch.Elapsed.TotalSeconds, detail));
                console.WriteLine($"  fault: {name} recovered in {watch.Elapsed.TotalSeconds:0.0}s");
            }
            catch (TimeoutException ex)
            {
                Outcomes.Add(new FaultOutcome(name, at, double.NaN, $"did not recover: {ex.Message}"));
                console.WriteLine($"  fault: {name} did not recover: {ex.Message}");
            }
        }
    }

    private async Task WaitAllHealthyAsync(CancellationToken cancellationToken)
    {
        foreach (var service in app.Services)
        {
            await service.WaitHealthyAsync(TimeSpan.FromMinutes(2), cancellationToken);
        }
    }
}
