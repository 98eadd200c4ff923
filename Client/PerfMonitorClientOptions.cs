using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Client;

public sealed class PerfMonitorClientOptions
{
    public const string Section = "PerfMonitor";

    /// <summary>The gateway's (or collector's) gRPC endpoint, e.g. http://localhost:5101.</summary>
    [Required]
    public Uri? Endpoint { get; set; }

    /// <summary>An API key with the ingest scope, sent as x-api-key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Becomes the <c>service</c> label of every sample, as health scores group by it.</summary>
    [Required]
    public string ServiceName { get; set; } = "";

    /// <summary>Added to every sample (e.g. environment, region).</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 50_000)]
    public int MaxBatchSize { get; set; } = 5_000;

    /// <summary>Samples held while the collector is unreachable; past it new samples are dropped and counted.</summary>
    [Range(1, 10_000_000)]
    public int BufferCapacity { get; set; } = 100_000;

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
