using System.Text.Json.Serialization;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>/api/v1/status/buildinfo: the Prometheus version this API follows; the revision is PerfMonitor's own build.</summary>
public sealed record BuildInfo(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("revision")] string Revision,
    [property: JsonPropertyName("branch")] string Branch,
    [property: JsonPropertyName("buildUser")] string BuildUser,
    [property: JsonPropertyName("buildDate")] string BuildDate,
    [property: JsonPropertyName("goVersion")] string GoVersion);
