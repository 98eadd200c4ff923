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
/// <c>dotnet run</c> wrapper around each service (orchestration, reported but not counted). Each counted part is also
/// read on its own (<see cref="ResourceUsage.Parts"/>), so a report can say where the time went.
/// </summary>
public sealed class PerfMonitorProcesses(PerfMonitorSystem app)
{
    public const string BrokerThread = "rdk:mock";

    /// <summary>The parts' names in <see cref="ResourceUsage.Parts"/> besides the services' own (their resource names).</summary>
    public const string PostgresPart = "postgresql", BrokerPart = "broker thread";

    public const string Scope = "collector, analytics, alerting, gateway processes + PostgreSQL (postmaster and backends) + the " +
        "embedded broker's thread (CPU only: it lives in the load generator's process, as the AppHost does under " +
        "Aspire.Hosting.Testing); DCP and the 'dotnet run' wrappers excluded (shown apart)";

    public ResourceUsage Read()
    {
        var snapshot = ProcessTree.Snapshot();
        var roots = app.Services.Where(s => s.ProcessId is not null).Select(s => (s.Name, Pid: s.ProcessId!.Value)).ToList();
        if (PostmasterPid() is { } postmaster)
        {
            roots.Add((PostgresPart, postmaster));
        }
        var parts = new List<ProcessUsage>();
        var counted = new HashSet<int>();
        foreach (var (name, pid) in roots)
        {
            var tree = ProcessSet.WithDescendants([pid], snapshot).Where(counted.Add).ToList();
            var (cpu, rss, pss) = ProcessSet.Sum(tree);
            parts.Add(new ProcessUsage(name, cpu, rss, pss));
        }
        var self = Environment.ProcessId;
        var broker = ProcFs.ThreadCpuSeconds(self, BrokerThread);
        parts.Add(new ProcessUsage(BrokerPart, broker, 0, 0));
        var orchestration = ProcessSet.WithDescendants([self], snapshot).Where(pid => pid != self && !counted.Contains(pid));
        var generator = ProcFs.OwnCpuSeconds() - broker;
        return new ResourceUsage(parts.Sum(p => p.CpuSeconds), parts.Sum(p => p.RssBytes), parts.Sum(p => p.PssBytes),
            ProcessSet.Sum(orchestration).CpuSeconds, generator)
        {
            Parts = parts,
        };
    }

    private int? PostmasterPid() => app.Application.Services.GetRequiredService<DistributedApplicationModel>()
        .Resources.OfType<EmbeddedPostgresResource>().SingleOrDefault()?.Cluster.PostmasterPid();
}
