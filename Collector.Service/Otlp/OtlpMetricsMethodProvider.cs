using Grpc.AspNetCore.Server.Model;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.Otlp.Collector;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// Binds <see cref="OtlpMetricsGrpcService"/> through the generated MetricsService stub. A service deriving from the
/// generated base would be bound with the generated marshaller, and grpc-dotnet answers a message that marshaller
/// cannot decode with UNKNOWN ("Exception was thrown by handler"); OTLP asks for INVALID_ARGUMENT (see <see cref="OtlpExportBinder"/>).
/// </summary>
public sealed class OtlpMetricsMethodProvider(WireLimits limits) : IServiceMethodProvider<OtlpMetricsGrpcService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<OtlpMetricsGrpcService> context) =>
        MetricsService.BindService(new OtlpExportBinder(context, limits), null);
}
