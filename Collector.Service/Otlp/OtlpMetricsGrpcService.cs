using Grpc.Core;
using PerfMonitor.Contracts.Otlp.Collector;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// OTLP/gRPC metrics receiver (opentelemetry.proto.collector.metrics.v1.MetricsService/Export), the default protocol
/// of most OpenTelemetry SDKs. Answers as OTLP/HTTP does: partial_success for refused points, UNAVAILABLE with
/// RetryInfo when Kafka cannot take them (<see cref="Backpressure.RetryableFailureInterceptor"/>). Bound by
/// <see cref="OtlpMetricsMethodProvider"/>, which makes an undecodable message INVALID_ARGUMENT.
/// </summary>
public sealed class OtlpMetricsGrpcService(OtlpMetricsReceiver receiver)
{
    public Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context) =>
        receiver.ExportAsync(request, context.CancellationToken);
}
