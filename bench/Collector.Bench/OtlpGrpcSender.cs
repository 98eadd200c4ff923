using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Contracts.Otlp.Collector;

namespace PerfMonitor.Collector.Bench;

/// <summary>
/// OTLP/gRPC MetricsService/Export, one unary call per already-encoded ExportMetricsServiceRequest (the same bytes as
/// the otlp protocol's body; a pass-through marshaller, as an SDK would put on the wire). Refused points stop the bench.
/// </summary>
public sealed class OtlpGrpcSender(Uri grpcUrl, IReadOnlyList<Payload> payloads) : ISender
{
    private static readonly Method<byte[], ExportMetricsServiceResponse> Export = new(
        MethodType.Unary, "opentelemetry.proto.collector.metrics.v1.MetricsService", "Export",
        Marshallers.Create(static bytes => bytes, static bytes => bytes),
        Marshallers.Create(static (ExportMetricsServiceResponse response) => Google.Protobuf.MessageExtensions.ToByteArray(response), ExportMetricsServiceResponse.Parser.ParseFrom));

    private readonly GrpcChannel channel = GrpcChannel.ForAddress(grpcUrl, new GrpcChannelOptions { MaxSendMessageSize = null });

    public async Task<long> SendAsync(int index, CancellationToken cancellationToken)
    {
        var payload = payloads[index % payloads.Count];
        var response = await channel.CreateCallInvoker().AsyncUnaryCall(Export, null, new CallOptions(cancellationToken: cancellationToken), payload.Body);
        return response.PartialSuccess is not { RejectedDataPoints: > 0 } partial ? payload.Samples
            : throw new InvalidOperationException($"{Protocols.OtlpGrpc}: {partial.RejectedDataPoints} data points were refused: {partial.ErrorMessage}");
    }

    public void Dispose() => channel.Dispose();
}
