using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Collector.Ingestion;

public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>How far in the past a sample's timestamp may lie.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan MaxPastSkew { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far in the future a sample's timestamp may lie (clocks drift).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 10_000)]
    public int MaxLabels { get; set; } = 32;

    [Range(1, 100_000)]
    public int MaxSamplesPerRequest { get; set; } = 50_000;
}
