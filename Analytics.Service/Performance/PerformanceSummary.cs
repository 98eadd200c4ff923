namespace PerfMonitor.Analytics.Performance;

/// <summary>The shape dashboards built on the seeds' APIs expect: one window, the headline numbers.</summary>
public sealed record PerformanceSummary(
    DateTimeOffset Timestamp,
    double Hours,
    string? Service,
    long RequestsTotal,
    double RequestsPerSecond,
    double? AverageResponseTimeMs,
    double? P95ResponseTimeMs,
    double? P99ResponseTimeMs,
    double ErrorRate,
    double? CpuUsagePercent,
    double? MemoryUsagePercent,
    double? MemoryUsageMb,
    DatabaseSummary Database);

public sealed record DatabaseSummary(double? PoolUtilizationPercent, double? AverageQueryTimeMs, double? P95QueryTimeMs, double? ActiveConnections, double? CacheHitRatio);
