namespace PerfMonitor.PromQL.Storage;

/// <summary>
/// Combines consecutive buckets of one series into one bucket of the coarser resolution (minutes into five
/// minutes or hours), with the same result as building the coarse bucket from the raw samples.
/// </summary>
public static class BucketMath
{
    /// <summary><paramref name="earlier"/> and <paramref name="later"/> as one bucket starting at <paramref name="startMs"/>.</summary>
    public static Bucket Merge(in Bucket earlier, in Bucket later, long startMs)
    {
        var shiftEarlier = (earlier.StartMs - startMs) / 1000.0;
        var shiftLater = (later.StartMs - startMs) / 1000.0;
        var (previousLast, previousLastMs) = later.Count >= 2 ? (later.PreviousLast, later.PreviousLastMs) : (earlier.Last, earlier.LastMs);
        return new Bucket(
            startMs,
            earlier.Count + later.Count,
            earlier.Sum + later.Sum,
            Smaller(earlier.Min, later.Min),
            Larger(earlier.Max, later.Max),
            earlier.First,
            earlier.FirstMs,
            later.Last,
            later.LastMs,
            previousLast,
            previousLastMs,
            earlier.Increase + BucketBuilder.CounterStep(earlier.Last, later.First) + later.Increase,
            Shifted(earlier, shiftEarlier).SumDt + Shifted(later, shiftLater).SumDt,
            Shifted(earlier, shiftEarlier).SumDt2 + Shifted(later, shiftLater).SumDt2,
            Shifted(earlier, shiftEarlier).SumDtValue + Shifted(later, shiftLater).SumDtValue,
            earlier.Sketch is { } a && later.Sketch is { } b ? a.MergedWith(b) : null);
    }

    /// <summary>The regression sums of a bucket with its times measured from <paramref name="shiftSeconds"/> earlier.</summary>
    public static (double SumDt, double SumDt2, double SumDtValue) Shifted(in Bucket bucket, double shiftSeconds) => (
        bucket.SumDt + bucket.Count * shiftSeconds,
        bucket.SumDt2 + 2 * shiftSeconds * bucket.SumDt + bucket.Count * shiftSeconds * shiftSeconds,
        bucket.SumDtValue + shiftSeconds * bucket.Sum);

    // Prometheus's min/max_over_time: a NaN is replaced by any later value.
    private static double Smaller(double a, double b) => b < a || double.IsNaN(a) ? b : a;

    private static double Larger(double a, double b) => b > a || double.IsNaN(a) ? b : a;
}
