using Grpc.Core;

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// OTLP/gRPC's Export as bytes on the wire, for what the SDK never sends (undecodable messages) and for reading
/// the response as encoded. The collector compiles server stubs only, so the method is described here.
/// </summary>
public static class RawOtlpGrpc
{
    public static readonly Method<byte[], byte[]> Export = new(
        MethodType.Unary,
        "opentelemetry.proto.collector.metrics.v1.MetricsService",
        "Export",
        Marshallers.Create(static bytes => bytes, static bytes => bytes),
        Marshallers.Create(static bytes => bytes, static bytes => bytes));
}
