using System.Text.Json.Serialization;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>One entry of /api/v1/metadata: the metric's type and unit as the samples said them (PerfMonitor keeps no help text).</summary>
public sealed record MetricMetadata(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("help")] string Help,
    [property: JsonPropertyName("unit")] string Unit);
