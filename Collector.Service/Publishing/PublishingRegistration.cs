using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerfMonitor.Collector.Backpressure;
using PerfMonitor.Collector.Spool;
using PerfMonitor.Contracts;

namespace PerfMonitor.Collector.Publishing;

public static class PublishingRegistration
{
    /// <summary>Kafka publishing with the on-disk spool behind it, its replayer, 503 (HTTP) or UNAVAILABLE (gRPC) when the spool cannot take samples, and spool-aware readiness.</summary>
    public static IHostApplicationBuilder AddPublishing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PublishingOptions>(PublishingOptions.Section)
            .Validate(o => o.SpoolAfter < o.DeliveryTimeout, "Collector:Publishing:SpoolAfter must be shorter than DeliveryTimeout.");
        builder.Services.AddValidatedOptions<SpoolOptions>(SpoolOptions.Section)
            .Configure<IConfiguration>((options, configuration) => options.Path = configuration[SpoolOptions.PathKey] ?? options.Path)
            .Validate(o => o.SegmentBytes <= o.MaxBytes, "Collector:Spool:SegmentBytes must not exceed MaxBytes.");

        builder.Services.AddSingleton<KafkaAvailability>();
        builder.Services.AddSingleton<SampleSpool>();
        builder.Services.AddSingleton<SpoolMetrics>();
        builder.Services.AddSingleton<SampleProducer>();
        builder.Services.AddSingleton<SamplePublisher>();
        builder.Services.AddSingleton<DeadLetterQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SamplePublisher>());
        builder.Services.AddSingleton<WindowReplayer>();
        builder.Services.AddHostedService<SpoolReplayer>();

        builder.Services.AddExceptionHandler<SpoolUnavailableExceptionHandler>();
        builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<RetryableFailureInterceptor>());

        // Readiness: the spool keeps the collector accepting through a Kafka outage, so Kafka alone must not fail it.
        builder.Services.Configure<HealthCheckServiceOptions>(health =>
        {
            foreach (var kafka in health.Registrations.Where(r => r.Name == ResourceNames.Kafka).ToList())
            {
                health.Registrations.Remove(kafka);
            }
        });
        builder.Services.AddHealthChecks().AddCheck<CollectorReadinessCheck>(CollectorReadinessCheck.Name, tags: ["ready"]);
        return builder;
    }
}
