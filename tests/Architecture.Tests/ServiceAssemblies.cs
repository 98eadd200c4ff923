using PerfMonitor.SystemTesting;

namespace PerfMonitor.Architecture.Tests;

/// <summary>The services whose shape is checked: one row per project, its assembly read from its own build output.</summary>
public static class ServiceAssemblies
{
    public static TheoryData<string> Projects => ["Alerting.Service", "Analytics.Service", "Collector.Service", "Gateway.Api"];

    public static string AssemblyOf(string project) => RepositoryLayout.ServiceAssembly(RepositoryLayout.FindRoot(), project);

    public static string FolderOf(string project) => Path.Combine(RepositoryLayout.FindRoot(), project);
}
