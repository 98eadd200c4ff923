namespace PerfMonitor.PromQL.Storage;

/// <summary>
/// Folds one series' samples of one bucket, in increasing time order, into a <see cref="Bucket"/> with
/// <see cref="BucketMath.Add"/>: raw data and tests. The analytics rollups fold with the same method.
/// </summary>
public sealed class BucketBuilder(long startMs)
{
    private Bucket bucket = Bucket.Empty(startMs);

    public long StartMs { get; } = startMs;

    public long Count => bucket.Count;

    public void Add(long timeMs, double value)
    {
        if (bucket.Count > 0 && timeMs <= bucket.LastMs)
        {
            throw new ArgumentException("samples must be added in increasing time order", nameof(timeMs));
        }
        bucket = BucketMath.Add(bucket, timeMs, value);
    }

    public Bucket Build(IQuantileSketch? sketch) =>
        bucket.Count == 0 ? throw new InvalidOperationException("an empty bucket") : bucket with { Sketch = sketch };
}
