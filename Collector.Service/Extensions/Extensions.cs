using PerfMonitor.Collector.Collectors;
using PerfMonitor.Collector.Ingestion;
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

        builder.Services.AddOptions<IngestOptions>()
            .BindConfiguration(IngestOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SampleValidator>();
        builder.Services.AddSingleton<CardinalityGuard>();
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddRequestDecompression();
        builder.AddPrometheusScraping();
        builder.Services.AddSingleton<IngestPipeline>();
        builder.AddOtlpReceiver();
        builder.Services.AddSingleton<TopicProvisioner>();
        builder.AddPublishing();
        builder.AddBuiltInCollectors();
    }
}
