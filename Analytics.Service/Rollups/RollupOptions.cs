using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Analytics.Rollups;

public sealed class RollupOptions : IValidatableObject
{
    public const string Section = "Rollups";

    public const string ConsumerGroup = "analytics";

    /// <summary>
    /// How often the open minute is written; queries see a sample within this plus a flush. Every flush rewrites each
    /// active series' open minute whole (its sketch included), so the database's work per sample halves when this
    /// doubles: at 2 s the remote-write hold used less CPU per sample than at 1 s, for a freshness p99 about a second
    /// longer, within the 5 s the system promises (docs/benchmarks.md). Alerting reads the stream and does not wait for it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Cells held before a flush is forced, bounding memory under a burst.</summary>
    [Range(1_000, 10_000_000)]
    public int MaxPendingCells { get; set; } = 200_000;

    /// <summary>
    /// Open-minute rows kept in memory so a flush can overwrite them without reading them back (about 1 KB each with
    /// the sketch). Past the bound they are forgotten, counted, and the next flush reads them back instead.
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int MaxKnownCells { get; set; } = 1_000_000;

    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Records read before the rollup state is checked for a due flush; records already fetched are taken at once.</summary>
    [Range(1, 100_000)]
    public int MaxRecordsPerBatch { get; set; } = 1_000;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How far behind its partition's watermark (the largest sample time seen, bounded by <see cref="MaxFutureSkew"/>)
    /// a sample may be and still be merged; later ones are counted in perfmon.late_samples and the late-samples metric instead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How far past its record's arrival a sample may move its partition's watermark. The arrival is the record's Kafka
    /// timestamp (when the collector produced it), never later than this consumer's own clock, so a client whose clock
    /// runs fast cannot push the watermark ahead and make everyone else's samples late: an honest sample is late only if
    /// it is older than arrival + MaxFutureSkew - AllowedLateness, hence MaxFutureSkew must stay below AllowedLateness
    /// (checked at start), and their difference is the lateness honest samples keep beside a fast clock.
    /// The collector's Ingest:MaxFutureSkew (5 min) decides which future samples are accepted at all; those it accepts
    /// beyond this bound are still merged, into their own minute, and counted in perfmon.analytics.future_samples.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxFutureSkew >= AllowedLateness)
        {
            yield return new ValidationResult(
                $"Rollups:MaxFutureSkew ({MaxFutureSkew}) must be below Rollups:AllowedLateness ({AllowedLateness}): otherwise one sample " +
                "from a fast clock makes every honest sample behind it late",
                [nameof(MaxFutureSkew), nameof(AllowedLateness)]);
        }
    }
}
