using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;

namespace PerfMonitor.Collector.Otlp;

public static class OtlpRegistration
{
    /// <summary>
    /// The OTLP metrics receiver both transports share. An OTLP/gRPC message may be as large as an OTLP/HTTP body
    /// (<see cref="IngestOptions.MaxRequestBodyBytes"/>), not gRPC's default 4 MB: an SDK exports all its metrics in one message.
    /// </summary>
    public static void AddOtlpReceiver(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OtlpMetricsReceiver>();
        builder.Services.AddSingleton<IServiceMethodProvider<OtlpMetricsGrpcService>, OtlpMetricsMethodProvider>();
        builder.Services.AddOptions<GrpcServiceOptions<OtlpMetricsGrpcService>>()
            .Configure<IOptions<IngestOptions>>((grpc, ingest) => grpc.MaxReceiveMessageSize = (int)Math.Min(ingest.Value.MaxRequestBodyBytes, int.MaxValue));
    }
}
