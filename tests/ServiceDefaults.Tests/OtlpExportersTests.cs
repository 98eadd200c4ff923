using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests;

/// <summary>
/// Locally a service exports to two OTLP receivers at once: everything to the Aspire dashboard, and its metrics to
/// PerfMonitor's own collector (self-monitoring). Two real OTLP/HTTP endpoints here stand in for them.
/// </summary>
public sealed class OtlpExportersTests
{
    [Fact(Timeout = 60_000)]
    public async Task Metrics_reach_both_the_dashboard_endpoint_and_the_self_monitoring_collector()
    {
        await using var dashboard = await OtlpReceiver.StartAsync();
        await using var collector = await OtlpReceiver.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.BaseUrl,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["SelfMonitoring:MetricsEndpoint"] = collector.BaseUrl + "/v1/metrics",
            ["SelfMonitoring:ExportInterval"] = "00:00:01",
        });
        builder.AddBasicServiceDefaults();
        using var host = builder.Build();
        await host.StartAsync();
        using var meter = new Meter(Extensions.MeterPrefix + "Tests");
        meter.CreateCounter<long>("otlp_test_total").Add(1);

        await Eventually.GetAsync(() => Task.FromResult(dashboard.Paths.Contains("/v1/metrics") && collector.Paths.Contains("/v1/metrics")),
            both => both, TimeSpan.FromSeconds(30), "a metrics export to each receiver");
        await host.StopAsync();

        Assert.Contains("/v1/metrics", dashboard.Paths);
        Assert.Contains("/v1/metrics", collector.Paths);
    }
}
