using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using PerfMonitor.Contracts.Otlp.Collector;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// Receives the generated MetricsService/Export method and adds it for <see cref="OtlpMetricsGrpcService"/> with a
/// request marshaller that turns a decoding failure into INVALID_ARGUMENT, the not-retryable answer OTLP/gRPC
/// recommends for data that cannot be deserialized.
/// </summary>
public sealed class OtlpExportBinder(ServiceMethodProviderContext<OtlpMetricsGrpcService> context) : ServiceBinderBase
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        if (method is not Method<ExportMetricsServiceRequest, ExportMetricsServiceResponse> export)
        {
            throw new InvalidOperationException($"MetricsService has a method this collector does not serve: {method.FullName}.");
        }
        var decoding = new Method<ExportMetricsServiceRequest, ExportMetricsServiceResponse>(
            export.Type, export.ServiceName, export.Name, InvalidArgumentOnDecodeFailure(export.RequestMarshaller), export.ResponseMarshaller);
        context.AddUnaryMethod(decoding, [], static (service, request, call) => service.Export(request, call));
    }

    private static Marshaller<ExportMetricsServiceRequest> InvalidArgumentOnDecodeFailure(Marshaller<ExportMetricsServiceRequest> generated) =>
        new(generated.ContextualSerializer, deserialization =>
        {
            try
            {
                return generated.ContextualDeserializer(deserialization);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"The message is not a valid OTLP ExportMetricsServiceRequest: {ex.Message}"));
            }
        });
}
