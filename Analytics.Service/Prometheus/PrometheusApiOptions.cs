using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>The Prometheus HTTP API's settings (section <c>Prometheus</c>); the defaults are Prometheus's own.</summary>
public sealed class PrometheusApiOptions
{
    public const string Section = "Prometheus";

    /// <summary>
    /// The Prometheus version whose API and PromQL this follows, as /api/v1/status/buildinfo reports it: Grafana
    /// decides which API features to use by it. PerfMonitor is checked against 2.42.
    /// </summary>
    [Required]
    [RegularExpression(@"^\d+\.\d+\.\d+$")]
    public string Version { get; set; } = "2.42.0";

    /// <summary>
    /// How long a query may run when the request sets no shorter <c>timeout</c> (Prometheus's --query.timeout); also the
    /// statement_timeout of each PostgreSQL read the query makes (in place of Queries:StatementTimeout).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How far back an instant selector looks for a sample (Prometheus's --query.lookback-delta).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LookbackDelta { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most points per series a range query may ask for (Prometheus's API allows 11,000).</summary>
    [Range(1, 1_000_000)]
    public int MaxPointsPerSeries { get; set; } = 11_000;
}
