using System.Collections;
using System.Reflection;
using PerfMonitor.SystemTesting;

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// The gateway's route table (<c>PerfMonitor.Gateway.Routing.RouteTable.Entries</c>), read by reflection from the
/// Gateway.Api build these tests run: the test project builds the gateway to run it as a process and does not reference
/// it, and the OpenAPI test has to check the document against the very list the gateway routes and authorizes by.
/// </summary>
public static class GatewayRouteTable
{
    /// <param name="Access">The entry's RouteAccess by name: Ingest, Read or ReadWrite.</param>
    public sealed record Entry(string Service, string Path, string Access, bool IsGrpc);

    public static IReadOnlyList<Entry> Entries { get; } = Load();

    private static List<Entry> Load()
    {
        var assembly = Assembly.LoadFrom(RepositoryLayout.ServiceAssembly(RepositoryLayout.FindRoot(), "Gateway.Api"));
        var table = assembly.GetType("PerfMonitor.Gateway.Routing.RouteTable", throwOnError: true)!;
        var entries = (IEnumerable)table.GetField("Entries", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return [.. entries.Cast<object>().Select(entry => new Entry(
            Read<string>(entry, "Service"), Read<string>(entry, "Path"), Read<object>(entry, "Access").ToString()!, Read<bool>(entry, "IsGrpc")))];
    }

    private static T Read<T>(object entry, string property) => (T)entry.GetType().GetProperty(property)!.GetValue(entry)!;
}
