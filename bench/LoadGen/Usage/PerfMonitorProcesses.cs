using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.AppHost.Postgres;
using PerfMonitor.Embedded.Processes;
using PerfMonitor.SystemTesting;

namespace PerfMonitor.LoadGen.Usage;

/// <summary>
/// What PerfMonitor runs on, read from /proc: the four services' own processes and the PostgreSQL server with its
/// backends (counted); the embedded broker, whose thread (<c>rdk:mock</c>) runs inside this process because
/// Aspire.Hosting.Testing hosts the AppHost here (its CPU counted, its memory not separable); DCP and the
/// <c>dotnet run</c> wrapper around each service (orchestration, reported but not counted).
/// </summary>
public sealed class PerfMonitorProcesses(PerfMonitorSystem app)
{
    public const string BrokerThread = "rdk:mock";

    public const string Scope = "collector, analytics, alerting, gateway processes + PostgreSQL (postmaster and backends) + the " +
        "embedded broker's thread (CPU only: it lives in the load generator's process, as the AppHost does under " +
        "Aspire.Hosting.Testing); DCP and the 'dotnet run' wrappers excluded (shown apart)";

    public ResourceUsage Read()
    {
        var snapshot = ProcessTree.Snapshot();
        var roots = app.Services.Select(s => s.ProcessId).OfType<int>().ToList();
        if (PostmasterPid() is { } postmaster)
        {
            roots.Add(postmaster);
        }
        var counted = ProcessSet.WithDescendants(roots, snapshot);
        var (cpu, rss, pss) = ProcessSet.Sum(counted);
        var self = Environment.ProcessId;
        var broker = ProcFs.ThreadCpuSeconds(self, BrokerThread);
        var orchestration = ProcessSet.WithDescendants([self], snapshot).Where(pid => pid != self && !counted.Contains(pid));
        var generator = ProcFs.OwnCpuSeconds() - broker;
        return new ResourceUsage(cpu + broker, rss, pss, ProcessSet.Sum(orchestration).CpuSeconds, generator);
    }

    private int? PostmasterPid() => app.Application.Services.GetRequiredService<DistributedApplicationModel>()
        .Resources.OfType<EmbeddedPostgresResource>().SingleOrDefault()?.Cluster.PostmasterPid();
}
