using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;
using PerfMonitor.ServiceDefaults.Kafka;

namespace Microsoft.Extensions.Hosting;

public static class KafkaExtensions
{
    /// <summary>Registers Kafka client settings from <c>ConnectionStrings:kafka</c> and its readiness check.</summary>
    public static TBuilder AddKafka<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<KafkaOptions>(KafkaOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
                options.BootstrapServers = configuration.GetConnectionString(ResourceNames.Kafka) ?? options.BootstrapServers);
        builder.Services.AddSingleton(services => KafkaGroupInstance.Resolve(
            services.GetRequiredService<IOptions<KafkaOptions>>().Value, builder.Environment.ApplicationName));
        builder.Services.AddSingleton<KafkaClientFactory>();
        builder.Services.AddSingleton<KafkaConsumerLoop>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<KafkaHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>(ResourceNames.Kafka, tags: ["ready"]);
        return builder;
    }
}
