using System.Text.Json.Serialization;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>Prometheus's success envelope around any data: <c>{"status":"success","data":...,"warnings":[...]}</c>.</summary>
public sealed record PromEnvelope<T>(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("data")] T Data,
    [property: JsonPropertyName("warnings"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null);
