using System.Text.Json.Serialization;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>Prometheus's error envelope: <c>{"status":"error","errorType":"bad_data","error":"..."}</c>.</summary>
public sealed record PromError(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("error")] string Error);
