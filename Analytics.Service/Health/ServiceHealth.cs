namespace PerfMonitor.Analytics.Health;

public sealed record ServiceHealth(
    string Service, double Score, string Status, IReadOnlyList<HealthComponent> Components, IReadOnlyList<string> Recommendations,
    DateTimeOffset Time, IReadOnlyList<HealthHistoryPoint> History);

public sealed record HealthHistoryPoint(DateTimeOffset Time, double Score, string Status);

public sealed record HealthScoresResponse(DateTimeOffset Timestamp, double PerformanceScore, string Status, IReadOnlyList<ServiceHealth> Services, IReadOnlyList<string> Recommendations);
