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

    /// <summary>Characters in a label name; as long as a metric name may be.</summary>
    [Range(1, 10_000)]
    public int MaxLabelNameLength { get; set; } = 200;

    /// <summary>Characters in a label value. OTLP attribute values are cut to this length rather than refused.</summary>
    [Range(1, 100_000)]
    public int MaxLabelValueLength { get; set; } = 256;

    [Range(1, 100_000)]
    public int MaxSamplesPerRequest { get; set; } = 50_000;

    /// <summary>
    /// Batches of one gRPC Push stream validated and handed to Kafka while earlier ones await their delivery
    /// reports; bounds the memory one stream can hold (each batch is at most a gRPC message).
    /// </summary>
    [Range(1, 256)]
    public int MaxBatchesInFlightPerStream { get; set; } = 8;

    /// <summary>Largest request body accepted by the HTTP receivers, counted after gzip decompression.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Distinct series one metric may have; beyond it new series are refused (existing ones still flow).</summary>
    [Range(1, 10_000_000)]
    public int MaxSeriesPerMetric { get; set; } = 10_000;
}
