using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Analytics.Health;

/// <summary>Health-score weights and targets. A component without data is left out and the others reweighted.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Apdex target T in ms (satisfied at most T, tolerating at most 4T); per service in <see cref="LatencyTargetsMs"/>.</summary>
    [Range(1, 600_000)]
    public double LatencyTargetMs { get; set; } = 300;

    public Dictionary<string, double> LatencyTargetsMs { get; set; } = [];

    public Dictionary<string, double> Weights { get; set; } = new()
    {
        ["latency"] = 0.30,
        ["errors"] = 0.25,
        ["saturation"] = 0.20,
        ["anomalies"] = 0.10,
        ["availability"] = 0.10,
        ["freshness"] = 0.05,
    };

    /// <summary>Error rate scoring 100 at or below, 0 at or above.</summary>
    public double ErrorRateGood { get; set; } = 0.01;

    public double ErrorRateBad { get; set; } = 0.10;

    /// <summary>Worst of CPU, memory and pool utilization (percent) scoring 100 at or below, 0 at or above.</summary>
    public double SaturationGoodPercent { get; set; } = 70;

    public double SaturationBadPercent { get; set; } = 95;

    /// <summary>Anomalies in the window that bring the anomaly component to 0.</summary>
    [Range(1, 100_000)]
    public int AnomaliesBad { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan FreshWithin { get; set; } = TimeSpan.FromMinutes(2);

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(10);

    public double PoolUtilizationAlertPercent { get; set; } = 80;

    public double CacheHitRatioTarget { get; set; } = 0.8;

    public double SlowQueryMs { get; set; } = 1000;

    public double TargetFor(string service) => LatencyTargetsMs.TryGetValue(service, out var target) ? target : LatencyTargetMs;
}
