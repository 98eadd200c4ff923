using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>
/// What one request may carry and make the collector hold, on every protocol (section <c>Ingest</c>). A request
/// costs a few bytes per sample or label on the wire and a whole object in memory, so these are counted from the
/// bytes, before the objects are made, and a request past a limit is refused with its protocol's own answer.
/// </summary>
public sealed class IngestOptions : IValidatableObject
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

    /// <summary>
    /// Samples one request (or one gRPC Push message) may carry; for OTLP, the samples its data points become
    /// (a histogram point is one sample per bucket and aggregate).
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxSamplesPerRequest { get; set; } = 50_000;

    /// <summary>Labels one request (or gRPC message) may carry on the wire, repeated ones included: JSON labels, remote-write series labels, OTLP attributes anywhere.</summary>
    [Range(1, 100_000_000)]
    public int MaxLabelsPerRequest { get; set; } = 1_000_000;

    /// <summary>Samples one gRPC Push stream may carry in all; the unit a client resends when a stream fails.</summary>
    [Range(1, int.MaxValue)]
    public int MaxSamplesPerStream { get; set; } = 10_000_000;

    /// <summary>Refusals a gRPC Push result lists; <c>rejected</c> still counts them all.</summary>
    [Range(1, 1_000_000)]
    public int MaxErrorsPerStream { get; set; } = 1_000;

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

    /// <summary>
    /// Memory one request may take once parsed, estimated from its wire bytes before parsing (messages, strings, list
    /// elements). An honest body costs a few times its size (16 MiB of OTLP about 150 MiB); one made of empty messages
    /// costs fifty times, and is refused.
    /// </summary>
    [Range(1L << 20, 1L << 34)]
    public long MaxParsedBytesPerRequest { get; set; } = 256L << 20;

    /// <summary>
    /// Series whose decoded labels the remote-write receiver keeps, keyed by the labels' wire bytes, so a series sent
    /// again (remote write resends every series every request) costs no label strings. At the cap the least recently
    /// seen half is dropped, and counted.
    /// </summary>
    [Range(2, 10_000_000)]
    public int RemoteWriteSeriesCacheSize { get; set; } = 50_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxLabelsPerRequest < MaxLabels)
        {
            yield return new ValidationResult($"{Section}:MaxLabelsPerRequest must be at least {Section}:MaxLabels ({MaxLabels}).", [nameof(MaxLabelsPerRequest)]);
        }
        if (MaxSamplesPerStream < MaxSamplesPerRequest)
        {
            yield return new ValidationResult($"{Section}:MaxSamplesPerStream must be at least {Section}:MaxSamplesPerRequest ({MaxSamplesPerRequest}).", [nameof(MaxSamplesPerStream)]);
        }
    }
}
