using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.ServiceDefaults.Telemetry;

/// <summary>
/// PerfMonitor monitors itself: a service's metrics also go, over OTLP/HTTP, to PerfMonitor's own collector, beside
/// whatever <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names (the Aspire dashboard, locally). The AppHost sets it.
/// </summary>
public sealed class SelfMonitoringOptions
{
    public const string Section = "SelfMonitoring";

    /// <summary>The collector's OTLP/HTTP metrics URL, e.g. http://127.0.0.1:5200/v1/metrics; off when empty.</summary>
    [Url]
    public string? MetricsEndpoint { get; set; }

    /// <summary>
    /// Its own interval: Aspire asks for a 1 s export (OTEL_METRIC_EXPORT_INTERVAL) to keep the dashboard live, which
    /// would turn self-monitoring into a steady stream of samples through the pipeline it measures.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(60);
}
