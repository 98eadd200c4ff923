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

    private const byte FormatVersion = 1;

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

    /// <summary>
    /// Compact form: version, zero count, then each store as (bucket count, then per non-empty bucket the
    /// key delta from the previous key, zigzag varint, and the count, varint). A minute of latencies is a few hundred bytes.
    /// </summary>
    public byte[] Serialize()
    {
        var length = 1 + VarintLength((ulong)ZeroCount) + StoreLength(positive) + StoreLength(negative);
        var data = new byte[length];
        data[0] = FormatVersion;
        var position = 1;
        WriteVarint(data, ref position, (ulong)ZeroCount);
        WriteStore(data, ref position, positive);
        WriteStore(data, ref position, negative);
        return data;
    }

    public static DDSketch Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return new DDSketch();
        }
        if (data[0] != FormatVersion)
        {
            throw new FormatException($"Unknown sketch format {data[0]}");
        }
        var position = 1;
        var zero = (long)ReadVarint(data, ref position);
        var positive = ReadStore(data, ref position);
        var negative = ReadStore(data, ref position);
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

    /// <summary>A store's bytes in the compact form, so that a sketch is written into an array of its exact size.</summary>
    private static int StoreLength(BucketStore store)
    {
        var length = VarintLength((ulong)store.NonEmptyBuckets);
        var previous = 0;
        foreach (var (key, count) in store.Ascending())
        {
            length += VarintLength(ZigZag(key - previous)) + VarintLength((ulong)count);
            previous = key;
        }
        return length;
    }

    private static void WriteStore(Span<byte> data, ref int position, BucketStore store)
    {
        WriteVarint(data, ref position, (ulong)store.NonEmptyBuckets);
        var previous = 0;
        foreach (var (key, count) in store.Ascending())
        {
            WriteVarint(data, ref position, ZigZag(key - previous));
            WriteVarint(data, ref position, (ulong)count);
            previous = key;
        }
    }

    private static ulong ZigZag(int delta) => (ulong)((delta << 1) ^ (delta >> 31));

    private static BucketStore ReadStore(ReadOnlySpan<byte> data, ref int position)
    {
        var store = new BucketStore();
        var buckets = (int)ReadVarint(data, ref position);
        var key = 0;
        for (var i = 0; i < buckets; i++)
        {
            var zigzag = (uint)ReadVarint(data, ref position);
            key += (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
            store.Add(key, (long)ReadVarint(data, ref position));
        }
        return store;
    }

    private static void WriteVarint(Span<byte> data, ref int position, ulong value)
    {
        while (value >= 0x80)
        {
            data[position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        data[position++] = (byte)value;
    }

    private static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            length++;
            value >>= 7;
        }
        return length;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (position >= data.Length || shift > 63)
            {
                throw new FormatException("Truncated sketch");
            }
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
