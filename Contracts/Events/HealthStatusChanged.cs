namespace PerfMonitor.Contracts.Events;

/// <summary>
/// Published on perfmon.events.v1 (JSON, camelCase, Kafka header type=HealthStatusChanged, key = service) when a
/// service's health band changes (excellent, good, fair, poor); service "*" is the system-wide performance score.
/// </summary>
public sealed record HealthStatusChanged(
    Guid Id,
    DateTimeOffset Time,
    string Service,
    string? PreviousStatus,
    string Status,
    double Score,
    IReadOnlyList<string> Recommendations);
