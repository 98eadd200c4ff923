using System.Text.Json.Serialization;

namespace PerfMonitor.Analytics.Anomalies;

/// <summary>How far from the baseline, in robust standard deviations, a point must be to count as anomalous.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Sensitivity>))]
public enum Sensitivity
{
    Low,
    Medium,
    High,
}
