using PerfMonitor.Analytics.Sketches;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// The not-yet-written part of one series' minute. Samples are folded with the PromQL library's
/// <see cref="BucketMath.Add"/> as they arrive, which is time order for a well-behaved sender; an out-of-order sample
/// keeps every field exact but the in-bucket counter increase (see <see cref="BucketMath.Add"/>).
/// </summary>
/// <remarks>
/// A flush interval brings a series a few dozen samples, so the cell keeps their values as they are and sketches them
/// only when the flush adds them to the minute's row (<see cref="AddTo"/>): a sketch of its own per cell grew its bucket
/// array several times over for a handful of values, and was most of what analytics allocated. Past
/// <see cref="MaxKeptValues"/> values the cell sketches them itself, so a busy series costs a bounded array.
/// </remarks>
public sealed class RollupCell(int partition, long minuteMs)
{
    /// <summary>How many values a cell keeps unsketched; beyond it they go into a sketch of the cell's own.</summary>
    public const int MaxKeptValues = 64;

    private const int InitialValues = 8;

    private Bucket bucket = Bucket.Empty(minuteMs);
    private double[] values = new double[InitialValues];
    private int valueCount;
    private DDSketch? sketch;

    /// <summary>The Kafka partition the samples came from: the one whose offset guards this row's write.</summary>
    public int Partition { get; } = partition;

    /// <summary>The minute's samples so far as a PromQL bucket (their sketch is made by <see cref="ToSketch"/>).</summary>
    public Bucket Bucket => bucket;

    public long Count => bucket.Count;

    public double Sum => bucket.Sum;

    public double Min => bucket.Min;

    public double Max => bucket.Max;

    public double Last => bucket.Last;

    public long LastAtMs => bucket.LastMs;

    /// <summary>Counter increase attributed to this minute: from the previous sample of a running total, or a delta counter's increments.</summary>
    public double Increase { get; set; }

    public void Add(double value, long timestampMs)
    {
        bucket = BucketMath.Add(bucket, timestampMs, value);
        if (sketch is not null)
        {
            sketch.Add(value);
            return;
        }
        if (valueCount == MaxKeptValues)
        {
            sketch = ToSketch();
            sketch.Add(value);
            return;
        }
        if (valueCount == values.Length)
        {
            Array.Resize(ref values, Math.Min(values.Length * 2, MaxKeptValues));
        }
        values[valueCount++] = value;
    }

    /// <summary>Adds this cell's values to <paramref name="target"/>, as if each had gone into it.</summary>
    public void AddTo(DDSketch target)
    {
        if (sketch is not null)
        {
            target.Merge(sketch);
            return;
        }
        foreach (var value in values.AsSpan(0, valueCount))
        {
            target.Add(value);
        }
    }

    /// <summary>A sketch of this cell's values, for a row that starts with them.</summary>
    public DDSketch ToSketch()
    {
        if (sketch is not null)
        {
            return sketch;
        }
        var made = new DDSketch();
        AddTo(made);
        return made;
    }
}
