namespace PerfMonitor.Alerting.Slos;

/// <summary>The JSON a user sends to create or replace an SLO (camelCase; window as "30d", "7d", "4w").</summary>
public sealed record SloRequest(string? Name, string? Service, double? Objective, string? Window, SloIndicatorRequest? Indicator, string? Description);
