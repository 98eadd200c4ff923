namespace PerfMonitor.Alerting.Slos;

/// <summary>The JSON a user sends to create or replace an SLO (camelCase; window as "30d", "7d", "4w").</summary>
public sealed record SloRequest(string? Name, string? Service, double? Objective, string? Window, SloIndicatorRequest? Indicator, string? Description);

/// <summary><c>{"kind":"ratio","good":"...","total":"..."}</c> or <c>{"kind":"latency","histogram":"...","threshold":0.25}</c>.</summary>
public sealed record SloIndicatorRequest(string? Kind, string? Good, string? Total, string? Histogram, double? Threshold);
