namespace PerfMonitor.Analytics.Sketches;

/// <summary>
/// A mergeable quantile sketch in the style of DDSketch (Masson, Rim, Lee; VLDB 2019): values fall in
/// logarithmic buckets whose width guarantees every quantile estimate is within <see cref="RelativeAccuracy"/>
/// of the true value at that rank. Positive and negative values have their own stores; values closer to zero
/// than <see cref="MinIndexableValue"/> are counted in a zero bucket. Merging two sketches adds bucket counts,
/// so merged quantiles are as accurate as if every value had gone into one sketch.
/// </summary>
public sealed class DDSketch
{
    public const double RelativeAccuracy = 0.01;

    public const double MinIndexableValue = 1e-9;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);

    private static readonly double LogGamma = Math.Log(Gamma);

    private readonly BucketStore positive;
    private readonly BucketStore negative;

    public DDSketch()
        : this(new BucketStore(), new BucketStore(), 0)
    {
    }

    private DDSketch(BucketStore positive, BucketStore negative, long zeroCount)
    {
        this.positive = positive;
        this.negative = negative;
        ZeroCount = zeroCount;
    }

    public long ZeroCount { get; private set; }

    public long Count => positive.Total + negative.Total + ZeroCount;

    public bool IsEmpty => Count == 0;

    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }
        if (value > MinIndexableValue)
        {
            positive.Add(Key(value));
        }
        else if (value < -MinIndexableValue)
        {
            negative.Add(Key(-value));
        }
        else
        {
            ZeroCount++;
        }
    }

    public void Merge(DDSketch other)
    {
        positive.Merge(other.positive);
        negative.Merge(other.negative);
        ZeroCount += other.ZeroCount;
    }

    public DDSketch Clone() => new(positive.Clone(), negative.Clone(), ZeroCount);

    /// <summary>The value at rank q * (count - 1), within the relative accuracy; NaN when empty.</summary>
    public double Quantile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        return AtRank(q * (Count - 1));
    }

    /// <summary>The value at a 0-based rank among the values in ascending order, within the relative accuracy; NaN when empty.</summary>
    public double ValueAtRank(long rank) => AtRank(rank);

    /// <summary>The representative of the bucket whose cumulative count first exceeds <paramref name="rank"/>.</summary>
    private double AtRank(double rank)
    {
        if (IsEmpty)
        {
            return double.NaN;
        }
        double seen = 0;
        foreach (var (key, count) in negative.Descending())
        {
            seen += count;
            if (seen > rank)
            {
                return -Value(key);
            }
        }
        seen += ZeroCount;
        if (seen > rank)
        {
            return 0;
        }
        foreach (var (key, count) in positive.Ascending())
        {
            seen += count;
            if (seen > rank)
            {
                return Value(key);
            }
        }
        return Value(positive.Descending().First().Key);
    }

    /// <summary>How many values are at most <paramref name="threshold"/> (bucket resolution); Apdex counts with it.</summary>
    public long CountAtMost(double threshold)
    {
        long total = 0;
        foreach (var (key, count) in negative.Ascending())
        {
            if (-Value(key) <= threshold)
            {
                total += count;
            }
        }
        if (threshold >= 0)
        {
            total += ZeroCount;
        }
        foreach (var (key, count) in positive.Ascending())
        {
            if (Value(key) > threshold)
            {
                break;
            }
            total += count;
        }
        return total;
    }

    /// <summary>The compact form of <see cref="SketchFormat"/>; a minute of latencies is a few hundred bytes.</summary>
    public byte[] Serialize() => SketchFormat.Write(ZeroCount, positive, negative);

    public static DDSketch Deserialize(ReadOnlySpan<byte> data)
    {
        var (zero, positive, negative) = SketchFormat.Read(data);
        return new DDSketch(positive, negative, zero);
    }

    public static DDSketch FromValues(IEnumerable<double> values)
    {
        var sketch = new DDSketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }
        return sketch;
    }

    private static int Key(double magnitude) => (int)Math.Ceiling(Math.Log(magnitude) / LogGamma);

    /// <summary>The bucket's representative: equidistant (relatively) from both of its bounds.</summary>
    private static double Value(int key) => 2 * Math.Pow(Gamma, key) / (1 + Gamma);
}
