using System.Text.Json;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>The body of POST /api/v1/samples.</summary>
public sealed record JsonSampleRequest(IReadOnlyList<JsonSample?>? Samples);

/// <summary>
/// One sample as JSON. Value and timestamp are kept as raw JSON so a wrong type is reported against the one
/// sample, by index, instead of failing the whole request.
/// </summary>
public sealed record JsonSample(
    string? Metric,
    Dictionary<string, string>? Labels,
    JsonElement Value,
    JsonElement Timestamp,
    string? Unit,
    string? Kind);
