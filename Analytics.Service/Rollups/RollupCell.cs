using PerfMonitor.Analytics.Sketches;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// The not-yet-written part of one series' minute. Samples are folded with the PromQL library's
/// <see cref="BucketMath.Add"/> as they arrive, which is time order for a well-behaved sender; an out-of-order sample
/// keeps every field exact but the in-bucket counter increase (see <see cref="BucketMath.Add"/>).
/// </summary>
public sealed class RollupCell(int partition, long minuteMs)
{
    private Bucket bucket = Bucket.Empty(minuteMs);

    /// <summary>The Kafka partition the samples came from: the one whose offset guards this row's write.</summary>
    public int Partition { get; } = partition;

    /// <summary>The minute's samples so far as a PromQL bucket (its sketch is <see cref="Sketch"/>).</summary>
    public Bucket Bucket => bucket;

    public long Count => bucket.Count;

    public double Sum => bucket.Sum;

    public double Min => bucket.Min;

    public double Max => bucket.Max;

    public double Last => bucket.Last;

    public long LastAtMs => bucket.LastMs;

    /// <summary>Counter increase attributed to this minute: from the previous sample of a running total, or a delta counter's increments.</summary>
    public double Increase { get; set; }

    public DDSketch Sketch { get; } = new();

    public void Add(double value, long timestampMs)
    {
        bucket = BucketMath.Add(bucket, timestampMs, value);
        Sketch.Add(value);
    }
}
