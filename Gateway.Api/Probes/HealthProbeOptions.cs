using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Gateway.Probes;

/// <summary>
/// The <c>HealthProbes</c> section: how often the gateway asks each replica's /health, how long it waits for the
/// answer, and how many failed probes in a row take the replica out of routing. Several in a row, so that one slow
/// answer of a busy machine does not.
/// </summary>
public sealed class HealthProbeOptions
{
    public const string Section = "HealthProbes";

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    [Range(1, 100)]
    public int FailureThreshold { get; set; } = 3;
}
