using Grpc.Core;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>
/// The collector's gRPC methods with messages as bytes on the wire, for what no client library sends (undecodable or
/// hand-built messages) and for reading responses as encoded. The collector compiles server stubs only for OTLP.
/// </summary>
public static class RawGrpc
{
    public static readonly Method<byte[], byte[]> OtlpExport = Bytes(MethodType.Unary, "opentelemetry.proto.collector.metrics.v1.MetricsService", "Export");

    public static readonly Method<byte[], byte[]> IngestPush = Bytes(MethodType.ClientStreaming, "perfmon.v1.Ingest", "Push");

    private static Method<byte[], byte[]> Bytes(MethodType type, string service, string name) =>
        new(type, service, name, Marshallers.Create(static bytes => bytes, static bytes => bytes), Marshallers.Create(static bytes => bytes, static bytes => bytes));
}
