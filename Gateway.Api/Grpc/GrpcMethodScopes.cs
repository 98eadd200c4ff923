using Google.Api;
using Google.Protobuf.Reflection;
using PerfMonitor.Gateway.Routing;
using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.Grpc;

/// <summary>
/// Every gRPC method the gateway forwards, by its exact path (<c>/perfmon.v1.Alerts/CreateRule</c>), with the scope it
/// needs, built from the services' descriptors. Paths compare ordinally: routing matches case-insensitively, so only
/// this table can tell <c>createRule</c> (not a method) from <c>CreateRule</c>.
/// </summary>
public static class GrpcMethodScopes
{
    public static IReadOnlyDictionary<string, Scope> All { get; } = ProxiedServiceDescriptors.All
        .Select(service => (Service: service, Route: RouteTable.ForGrpcService(service.FullName)))
        .Where(forwarded => forwarded.Route is not null)
        .SelectMany(forwarded => forwarded.Service.Methods.Select(method =>
            KeyValuePair.Create($"/{forwarded.Service.FullName}/{method.Name}", forwarded.Route!.Access.Required(Reads(method)))))
        .ToDictionary(StringComparer.Ordinal);

    /// <returns>The scope of the method at exactly this path; null when no forwarded service has such a method.</returns>
    public static Scope? Of(string? path) => path is not null && All.TryGetValue(path, out var scope) ? scope : null;

    /// <summary>A method reads when its JSON transcoding mapping is a GET; no mapping means it may change state.</summary>
    private static bool Reads(MethodDescriptor method) =>
        method.GetOptions()?.GetExtension(AnnotationsExtensions.Http)?.PatternCase == HttpRule.PatternOneofCase.Get;
}
