namespace PerfMonitor.Analytics.Sketches;

/// <summary>
/// Dense counts for a contiguous run of logarithmic bucket keys. When the run would exceed
/// <see cref="MaxBuckets"/>, the lowest keys collapse into the lowest kept one, so memory stays bounded
/// and only the extreme low tail loses accuracy.
/// </summary>
public sealed class BucketStore
{
    public const int MaxBuckets = 4096;

    private const int InitialLength = 16;

    private long[] counts = [];
    private int offset;
    private int minIndex = int.MaxValue;
    private int maxIndex = int.MinValue;

    public long Total { get; private set; }

    public bool IsEmpty => Total == 0;

    public void Add(int key, long count = 1)
    {
        if (count <= 0)
        {
            return;
        }
        var index = Reserve(key);
        counts[index - offset] += count;
        Total += count;
    }

    public void Merge(BucketStore other)
    {
        for (var key = other.minIndex; key <= other.maxIndex && other.Total > 0; key++)
        {
            Add(key, other.counts[key - other.offset]);
        }
    }

    public BucketStore Clone() => new()
    {
        counts = (long[])counts.Clone(),
        offset = offset,
        minIndex = minIndex,
        maxIndex = maxIndex,
        Total = Total,
    };

    public IEnumerable<(int Key, long Count)> Ascending()
    {
        for (var key = minIndex; key <= maxIndex && Total > 0; key++)
        {
            var count = counts[key - offset];
            if (count > 0)
            {
                yield return (key, count);
            }
        }
    }

    public IEnumerable<(int Key, long Count)> Descending()
    {
        for (var key = maxIndex; key >= minIndex && Total > 0; key--)
        {
            var count = counts[key - offset];
            if (count > 0)
            {
                yield return (key, count);
            }
        }
    }

    public int NonEmptyBuckets
    {
        get
        {
            var buckets = 0;
            for (var key = minIndex; key <= maxIndex && Total > 0; key++)
            {
                buckets += counts[key - offset] > 0 ? 1 : 0;
            }
            return buckets;
        }
    }

    private int Reserve(int key)
    {
        if (minIndex > maxIndex)
        {
            counts = new long[InitialLength];
            offset = key - InitialLength / 2;
            minIndex = maxIndex = key;
            return key;
        }
        if (key > maxIndex && (long)key - minIndex + 1 > MaxBuckets)
        {
            CollapseBelow(key - MaxBuckets + 1);
        }
        // Below the kept window a value counts in the lowest kept bucket.
        key = Math.Max(key, maxIndex - MaxBuckets + 1);
        if (key < minIndex)
        {
            EnsureRange(key, maxIndex);
            minIndex = key;
        }
        else if (key > maxIndex)
        {
            EnsureRange(minIndex, key);
            maxIndex = key;
        }
        return key;
    }

    private void CollapseBelow(int floor)
    {
        long collapsed = 0;
        for (var k = minIndex; k < floor && k <= maxIndex; k++)
        {
            collapsed += counts[k - offset];
            counts[k - offset] = 0;
        }
        var high = Math.Max(maxIndex, floor);
        EnsureRange(floor, high);
        minIndex = floor;
        maxIndex = high;
        counts[floor - offset] += collapsed;
    }

    private void EnsureRange(int low, int high)
    {
        if (low >= offset && high < offset + counts.Length)
        {
            return;
        }
        var span = high - low + 1;
        var length = Math.Max(counts.Length * 2, span + InitialLength);
        var newOffset = low - (length - span) / 2;
        var grown = new long[length];
        for (var k = Math.Max(minIndex, low); k <= Math.Min(maxIndex, high); k++)
        {
            grown[k - newOffset] = counts[k - offset];
        }
        counts = grown;
        offset = newOffset;
    }
}
