using System.Reflection;
using Google.Protobuf.Reflection;

namespace PerfMonitor.Gateway.Grpc;

/// <summary>
/// The perfmon.v1 gRPC services the gateway forwards, read from the generated descriptors in Contracts, so that server
/// reflection at the gateway describes services that actually run elsewhere. New .proto files are picked up as they land.
/// </summary>
public static class ProxiedServiceDescriptors
{
    public static IReadOnlyList<Google.Protobuf.Reflection.ServiceDescriptor> All { get; } = typeof(PerfMonitor.Contracts.ResourceNames).Assembly.GetTypes()
        .Where(type => type.IsAbstract && type.IsSealed && type.Name.EndsWith("Reflection", StringComparison.Ordinal))
        .Select(type => type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
        .OfType<FileDescriptor>()
        .SelectMany(file => file.Services)
        .Where(service => service.FullName.StartsWith("perfmon.v1.", StringComparison.Ordinal))
        .OrderBy(service => service.FullName, StringComparer.Ordinal)
        .ToList();
}
