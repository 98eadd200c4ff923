using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Collectors;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Collector.Otlp;
using PerfMonitor.Collector.Prometheus;
using PerfMonitor.Collector.Publishing;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Collector.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddKafka();
        builder.Services.AddProblemDetails();
        builder.Services.AddGrpc();
        builder.Services.AddOptions<GrpcServiceOptions>()
            .Configure<IOptions<IngestOptions>>((grpc, ingest) => grpc.CompressionProviders = BoundedDecompression.Providers(ingest.Value.MaxRequestBodyBytes));
        builder.Services.AddSingleton<IServiceMethodProvider<IngestGrpcService>, IngestMethodProvider>();

        builder.Services.AddValidatedOptions<IngestOptions>(IngestOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SampleValidator>();
        builder.Services.AddSingleton<WireLimits>();
        builder.Services.AddSingleton<CardinalityGuard>();
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddSingleton<SeriesLabelCache>();
        builder.Services.AddRequestDecompression();
        builder.AddPrometheusScraping();
        builder.Services.AddSingleton<IngestPipeline>();
        builder.AddOtlpReceiver();
        builder.Services.AddSingleton<TopicProvisioner>();
        builder.AddPublishing();
        builder.AddBuiltInCollectors();
    }
}
