using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Analytics.Performance;

/// <summary>
/// Which metric names the summary and health scores read. The defaults are what PerfMonitor.Client and the
/// collector's probes emit; a team with other names maps them here instead of renaming its metrics.
/// </summary>
public sealed class MetricConventions
{
    public const string Section = "Metrics";

    /// <summary>Request latency in ms; its count is the request count; the status label marks errors.</summary>
    [Required]
    public string RequestDuration { get; set; } = "http_request_duration_ms";

    [Required]
    public string StatusLabel { get; set; } = "status";

    /// <summary>Status values starting with this prefix are errors.</summary>
    [Required]
    public string ErrorStatusPrefix { get; set; } = "5";

    [Required]
    public string RouteLabel { get; set; } = "route";

    [Required]
    public string ServiceLabel { get; set; } = "service";

    [Required]
    public string CpuPercent { get; set; } = "cpu_usage_percent";

    [Required]
    public string MemoryPercent { get; set; } = "memory_usage_percent";

    [Required]
    public string MemoryMegabytes { get; set; } = "memory_usage_mb";

    /// <summary>Connection-pool utilization in percent (in use / size).</summary>
    [Required]
    public string PoolUtilizationPercent { get; set; } = "db_pool_utilization_percent";

    [Required]
    public string ActiveConnections { get; set; } = "db_connections_active";

    [Required]
    public string QueryDuration { get; set; } = "db_query_duration_ms";

    /// <summary>Cache hit ratio, 0..1.</summary>
    [Required]
    public string CacheHitRatio { get; set; } = "cache_hit_ratio";
}
