using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PerfMonitor.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

public static class OtlpExporterExtensions
{
    private const string SelfMonitoringExporter = "self-monitoring";

    /// <summary>
    /// Two OTLP destinations, each optional: the standard one (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: logs, traces and
    /// metrics, to the Aspire dashboard locally or the collector on Kubernetes; <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c>
    /// alone sends metrics only) and self-monitoring (<see cref="SelfMonitoringOptions"/>: metrics to PerfMonitor's
    /// collector). Per-signal exporters, because OpenTelemetry refuses UseOtlpExporter beside a second exporter.
    /// </summary>
    public static TBuilder AddOtlpExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var telemetry = builder.Services.AddOpenTelemetry();
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithLogging(logging => logging.AddOtlpExporter())
                .WithTracing(tracing => tracing.AddOtlpExporter())
                .WithMetrics(metrics => metrics.AddOtlpExporter());
        }
        else if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]))
        {
            telemetry.WithMetrics(metrics => metrics.AddOtlpExporter());
        }

        builder.Services.AddValidatedOptions<SelfMonitoringOptions>(SelfMonitoringOptions.Section);
        var selfMonitoring = builder.Configuration.GetSection(SelfMonitoringOptions.Section).Get<SelfMonitoringOptions>() ?? new();
        if (Uri.TryCreate(selfMonitoring.MetricsEndpoint, UriKind.Absolute, out var collector))
        {
            telemetry.WithMetrics(metrics => metrics.AddOtlpExporter(SelfMonitoringExporter, (exporter, reader) =>
            {
                exporter.Endpoint = collector;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)selfMonitoring.ExportInterval.TotalMilliseconds;
            }));
        }
        return builder;
    }
}
