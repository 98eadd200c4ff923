namespace PerfMonitor.Alerting.Slos;

/// <summary><c>{"kind":"ratio","good":"...","total":"..."}</c> or <c>{"kind":"latency","histogram":"...","threshold":0.25}</c>.</summary>
public sealed record SloIndicatorRequest(string? Kind, string? Good, string? Total, string? Histogram, double? Threshold);
