using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Collector.Spool;

/// <summary>
/// The on-disk spool that takes accepted samples while Kafka is unreachable. The folder comes from
/// <c>Collector:SpoolPath</c> (what the AppHost and the Kubernetes manifests set).
/// </summary>
public sealed class SpoolOptions
{
    public const string Section = "Collector:Spool";
    public const string PathKey = "Collector:SpoolPath";

    [Required]
    public string Path { get; set; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perfmon", "spool", "collector");

    /// <summary>Beyond this the collector answers 503 with Retry-After instead of accepting.</summary>
    [Range(1L << 16, long.MaxValue)]
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>A segment is closed and a new one started beyond this size; a segment is deleted once all its records are confirmed.</summary>
    [Range(1L << 16, 1L << 32)]
    public long SegmentBytes { get; set; } = 64L << 20;

    public FsyncPolicy Fsync { get; set; } = FsyncPolicy.Always;

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FsyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>What a 503 tells the client to wait before it retries.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
