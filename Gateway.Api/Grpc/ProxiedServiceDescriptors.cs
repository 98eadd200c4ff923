using System.Reflection;
using Google.Protobuf.Reflection;

namespace PerfMonitor.Gateway.Grpc;

/// <summary>
/// The gRPC services the gateway forwards (perfmon.v1 and OTLP's MetricsService), read from the generated descriptors in
/// Contracts, so that server reflection and health at the gateway describe services that actually run elsewhere. New
/// .proto files are picked up as they land; Contracts generates no other service.
/// </summary>
public static class ProxiedServiceDescriptors
{
    public static IReadOnlyList<Google.Protobuf.Reflection.ServiceDescriptor> All { get; } = typeof(PerfMonitor.Contracts.ResourceNames).Assembly.GetTypes()
        .Where(type => type.IsAbstract && type.IsSealed && type.Name.EndsWith("Reflection", StringComparison.Ordinal))
        .Select(type => type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
        .OfType<FileDescriptor>()
        .SelectMany(file => file.Services)
        .OrderBy(service => service.FullName, StringComparer.Ordinal)
        .ToList();
}
