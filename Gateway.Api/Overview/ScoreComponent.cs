namespace PerfMonitor.Gateway.Overview;

/// <summary>One part of a service's score (perfmon.v1.HealthComponent): 0-100, its weight, the measured value and what it means.</summary>
public sealed record ScoreComponent(string Name, double Score, double Weight, double? Value, string Detail);
