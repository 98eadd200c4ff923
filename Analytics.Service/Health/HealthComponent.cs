namespace PerfMonitor.Analytics.Health;

/// <summary>One part of a service's score: 0-100, its weight, the measured value and what it means.</summary>
public sealed record HealthComponent(string Name, double Score, double Weight, double? Value, string Detail);
