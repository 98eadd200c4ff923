using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.Otlp.Collector;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// Receives the generated MetricsService/Export method and adds it for <see cref="OtlpMetricsGrpcService"/> with a
/// request marshaller that weighs the message before parsing it (RESOURCE_EXHAUSTED, without RetryInfo so it is not
/// retried, when it would make too many objects or labels) and turns a decoding failure into INVALID_ARGUMENT, the
/// not-retryable answer OTLP/gRPC recommends for data that cannot be deserialized.
/// </summary>
public sealed class OtlpExportBinder(ServiceMethodProviderContext<OtlpMetricsGrpcService> context, WireLimits limits) : ServiceBinderBase
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        if (method is not Method<ExportMetricsServiceRequest, ExportMetricsServiceResponse> export)
        {
            throw new InvalidOperationException($"MetricsService has a method this collector does not serve: {method.FullName}.");
        }
        var decoding = new Method<ExportMetricsServiceRequest, ExportMetricsServiceResponse>(
            export.Type, export.ServiceName, export.Name, WeighedMarshaller.For(ExportMetricsServiceRequest.Parser, IngestSchemas.Otlp, limits, "OTLP ExportMetricsServiceRequest"), export.ResponseMarshaller);
        context.AddUnaryMethod(decoding, [], static (service, request, call) => service.Export(request, call));
    }
}
