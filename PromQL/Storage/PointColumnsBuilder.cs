namespace PerfMonitor.PromQL.Storage;

/// <summary>
/// Collects one series' buckets as they are read (for example rows from a database, in any order) into
/// <see cref="PointColumns"/> holding only the requested fields, growing its columns as needed; <see cref="Build"/>
/// puts them in time order.
/// </summary>
public sealed class PointColumnsBuilder(long bucketMs, BucketFields fields, int capacity = 16)
{
    private PointColumns columns = PointColumns.Buckets(bucketMs, Math.Max(1, capacity), fields);
    private long previousStartMs = long.MinValue;
    private bool ordered = true;

    public int Count { get; private set; }

    public void Add(in Bucket bucket)
    {
        if (Count == columns.Length)
        {
            columns = Copied(columns.Length * 2, i => i);
        }
        columns.Set(Count++, bucket);
        ordered &= bucket.StartMs > previousStartMs;
        previousStartMs = bucket.StartMs;
    }

    /// <summary>The collected points by bucket start. The builder is not to be used afterwards.</summary>
    public PointColumns Build()
    {
        if (ordered)
        {
            return columns.Truncated(Count);
        }
        var order = Enumerable.Range(0, Count).ToArray();
        Array.Sort(columns.StartMs[..Count], order);
        return Copied(Count, i => order[i]);
    }

    /// <summary>New columns of <paramref name="length"/> points holding the first <see cref="Count"/> points, point i taken from <paramref name="source"/>(i).</summary>
    private PointColumns Copied(int length, Func<int, int> source)
    {
        var target = PointColumns.Buckets(bucketMs, length, fields);
        for (var i = 0; i < Count; i++)
        {
            columns.CopyPoint(source(i), target, i);
        }
        return target;
    }
}
