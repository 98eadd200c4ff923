namespace PerfMonitor.PromQL.Storage;

/// <summary>
/// Folds one series' samples of one bucket, in time order, into a <see cref="Bucket"/>: the math every rollup
/// resolution uses (the analytics service's writer is to fill its columns the same way).
/// </summary>
public sealed class BucketBuilder(long startMs)
{
    private Bucket bucket = new(startMs, 0, 0, double.NaN, double.NaN, 0, 0, 0, 0, 0, Bucket.NoSample, 0, 0, 0, 0, null);

    public long StartMs { get; } = startMs;

    public long Count => bucket.Count;

    public void Add(long timeMs, double value)
    {
        if (bucket.Count > 0 && timeMs <= bucket.LastMs)
        {
            throw new ArgumentException("samples must be added in increasing time order", nameof(timeMs));
        }
        var dt = (timeMs - StartMs) / 1000.0;
        var b = bucket;
        bucket = b with
        {
            Count = b.Count + 1,
            Sum = b.Sum + value,
            Min = b.Count == 0 || value < b.Min || double.IsNaN(b.Min) ? value : b.Min,
            Max = b.Count == 0 || value > b.Max || double.IsNaN(b.Max) ? value : b.Max,
            First = b.Count == 0 ? value : b.First,
            FirstMs = b.Count == 0 ? timeMs : b.FirstMs,
            PreviousLast = b.Count == 0 ? 0 : b.Last,
            PreviousLastMs = b.Count == 0 ? Bucket.NoSample : b.LastMs,
            Last = value,
            LastMs = timeMs,
            Increase = b.Count == 0 ? 0 : b.Increase + CounterStep(b.Last, value),
            SumDt = b.SumDt + dt,
            SumDt2 = b.SumDt2 + dt * dt,
            SumDtValue = b.SumDtValue + dt * value,
        };
    }

    public Bucket Build(IQuantileSketch? sketch) =>
        bucket.Count == 0 ? throw new InvalidOperationException("an empty bucket") : bucket with { Sketch = sketch };

    /// <summary>A counter's increase from one sample to the next: a drop is a reset, after which the counter counted from zero.</summary>
    public static double CounterStep(double previous, double current) => current >= previous ? current - previous : current;
}
