namespace PerfMonitor.PromQL.Storage;

/// <summary>
/// The bucket math every resolution shares: folding one sample into a bucket, and combining buckets of one series
/// (a minute's flushes into its row, minutes into five minutes or hours) with the same result as building the bucket
/// from the raw samples. The analytics rollups and the in-memory source both use it.
/// </summary>
public static class BucketMath
{
    /// <summary>
    /// <paramref name="bucket"/> with one more sample. In time order the result is exact. A sample older than the
    /// bucket's last keeps count, sum, min, max, first, second-to-last and the regression sums exact; the counter
    /// increase then adds the step to the old first sample when it is the new first, and nothing when it falls between
    /// two samples already folded (exact for a counter that did not reset between them).
    /// </summary>
    public static Bucket Add(in Bucket bucket, long timeMs, double value)
    {
        var dt = (timeMs - bucket.StartMs) / 1000.0;
        if (bucket.Count == 0)
        {
            return bucket with
            {
                Count = 1,
                Sum = value,
                Min = value,
                Max = value,
                First = value,
                FirstMs = timeMs,
                Last = value,
                LastMs = timeMs,
                PreviousLast = 0,
                PreviousLastMs = Bucket.NoSample,
                Increase = 0,
                SumDt = dt,
                SumDt2 = dt * dt,
                SumDtValue = dt * value,
            };
        }
        var b = bucket with
        {
            Count = bucket.Count + 1,
            Sum = bucket.Sum + value,
            Min = value < bucket.Min || double.IsNaN(bucket.Min) ? value : bucket.Min,
            Max = value > bucket.Max || double.IsNaN(bucket.Max) ? value : bucket.Max,
            SumDt = bucket.SumDt + dt,
            SumDt2 = bucket.SumDt2 + dt * dt,
            SumDtValue = bucket.SumDtValue + dt * value,
        };
        if (timeMs >= bucket.LastMs)
        {
            return b with
            {
                PreviousLast = bucket.Last,
                PreviousLastMs = bucket.LastMs,
                Last = value,
                LastMs = timeMs,
                Increase = bucket.Increase + CounterStep(bucket.Last, value),
            };
        }
        if (bucket.PreviousLastMs == Bucket.NoSample || timeMs > bucket.PreviousLastMs)
        {
            b = b with { PreviousLast = value, PreviousLastMs = timeMs };
        }
        return timeMs < bucket.FirstMs
            ? b with { First = value, FirstMs = timeMs, Increase = bucket.Increase + CounterStep(value, bucket.First) }
            : b;
    }

    /// <summary>
    /// <paramref name="earlier"/> and <paramref name="later"/> as one bucket starting at <paramref name="startMs"/>;
    /// every sample of <paramref name="earlier"/> precedes every sample of <paramref name="later"/>. Either may be empty.
    /// </summary>
    public static Bucket Merge(in Bucket earlier, in Bucket later, long startMs)
    {
        if (earlier.Count == 0 || later.Count == 0)
        {
            return Rebased(earlier.Count == 0 ? later : earlier, startMs);
        }
        var a = Shifted(earlier, (earlier.StartMs - startMs) / 1000.0);
        var b = Shifted(later, (later.StartMs - startMs) / 1000.0);
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
            earlier.Increase + CounterStep(earlier.Last, later.First) + later.Increase,
            a.SumDt + b.SumDt,
            a.SumDt2 + b.SumDt2,
            a.SumDtValue + b.SumDtValue,
            earlier.Sketch is { } x && later.Sketch is { } y ? x.MergedWith(y) : null);
    }

    /// <summary>
    /// Two parts of one bucket in whatever order their samples came (two flushes of the same minute). When one
    /// precedes the other this is <see cref="Merge"/>; when their samples interleave, everything but the counter
    /// increase stays exact, and the increase is the larger of the parts' own increases and the step from the
    /// earliest first sample to the latest last one (exact for a counter that did not reset, never an overcount).
    /// </summary>
    public static Bucket Combine(in Bucket a, in Bucket b, long startMs)
    {
        if (a.Count == 0 || b.Count == 0 || a.LastMs <= b.FirstMs)
        {
            return Merge(a, b, startMs);
        }
        if (b.LastMs <= a.FirstMs)
        {
            return Merge(b, a, startMs);
        }
        var (earlier, later) = a.LastMs <= b.LastMs ? (a, b) : (b, a);
        var merged = Merge(earlier, later, startMs);
        var (first, firstMs) = a.FirstMs <= b.FirstMs ? (a.First, a.FirstMs) : (b.First, b.FirstMs);
        var (previousLast, previousLastMs) = later.Count >= 2 && later.PreviousLastMs > earlier.LastMs
            ? (later.PreviousLast, later.PreviousLastMs)
            : (earlier.Last, earlier.LastMs);
        return merged with
        {
            First = first,
            FirstMs = firstMs,
            PreviousLast = previousLast,
            PreviousLastMs = previousLastMs,
            Increase = Math.Max(Math.Max(a.Increase, b.Increase), later.Last - first),
        };
    }

    /// <summary>The same bucket with its start (the origin of the regression sums) moved to <paramref name="startMs"/>.</summary>
    public static Bucket Rebased(in Bucket bucket, long startMs)
    {
        var (sumDt, sumDt2, sumDtValue) = Shifted(bucket, (bucket.StartMs - startMs) / 1000.0);
        return bucket with { StartMs = startMs, SumDt = sumDt, SumDt2 = sumDt2, SumDtValue = sumDtValue };
    }

    /// <summary>The regression sums of a bucket with its times measured from <paramref name="shiftSeconds"/> earlier.</summary>
    public static (double SumDt, double SumDt2, double SumDtValue) Shifted(in Bucket bucket, double shiftSeconds) => (
        bucket.SumDt + bucket.Count * shiftSeconds,
        bucket.SumDt2 + 2 * shiftSeconds * bucket.SumDt + bucket.Count * shiftSeconds * shiftSeconds,
        bucket.SumDtValue + shiftSeconds * bucket.Sum);

    /// <summary>A counter's increase from one sample to the next: a drop is a reset, after which the counter counted from zero.</summary>
    public static double CounterStep(double previous, double current) => current >= previous ? current - previous : current;

    // Prometheus's min/max_over_time: a NaN is replaced by any later value.
    private static double Smaller(double a, double b) => b < a || double.IsNaN(a) ? b : a;

    private static double Larger(double a, double b) => b > a || double.IsNaN(a) ? b : a;
}
