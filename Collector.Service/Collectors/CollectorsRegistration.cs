using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Collectors.Common;
using PerfMonitor.Collector.Collectors.Host;
using PerfMonitor.Collector.Collectors.Http;
using PerfMonitor.Collector.Collectors.Kafka;
using PerfMonitor.Collector.Collectors.Postgres;

namespace PerfMonitor.Collector.Collectors;

public static class CollectorsRegistration
{
    /// <summary>The built-in collectors: host, PostgreSQL, Kafka consumer lag, HTTP probes. Each is on where it can run.</summary>
    public static IHostApplicationBuilder AddBuiltInCollectors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CollectorDatabase>();
        Add<HostCollectorOptions, HostCollector>(builder, HostCollectorOptions.Section);
        Add<PostgresCollectorOptions, PostgresCollector>(builder, PostgresCollectorOptions.Section);
        Add<KafkaLagCollectorOptions, KafkaLagCollector>(builder, KafkaLagCollectorOptions.Section);
        Add<HttpProbeOptions, HttpProbeCollector>(builder, HttpProbeOptions.Section)
            .Validate(o => o.Targets.All(t => t.Url is { IsAbsoluteUri: true }), "Every Collector:Collectors:HttpProbes:Targets entry needs an absolute Url.");
        return builder;
    }

    private static OptionsBuilder<TOptions> Add<TOptions, TCollector>(IHostApplicationBuilder builder, string section)
        where TOptions : CollectorOptions
        where TCollector : PeriodicCollector
    {
        builder.Services.AddSingleton<TCollector>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TCollector>());
        return builder.Services.AddValidatedOptions<TOptions>(section);
    }
}
