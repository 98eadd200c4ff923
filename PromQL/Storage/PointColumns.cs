namespace PerfMonitor.PromQL.Storage;

/// <summary>
/// A series' points as columns (arrays of primitives, no per-point objects): either raw samples
/// (<see cref="BucketMs"/> 0) or buckets of one width. Every point has a last sample (<see cref="Last"/> at
/// <see cref="LastMs"/>); a raw sample is a bucket of one sample, and the accessors answer for it without extra
/// columns. Bucket columns that a query did not ask for stay null.
/// </summary>
public sealed class PointColumns
{
    private PointColumns(long bucketMs, int length, long[] startMs, long[] lastMs, double[] last)
    {
        BucketMs = bucketMs;
        Length = length;
        StartMs = startMs;
        LastMs = lastMs;
        Last = last;
    }

    public long BucketMs { get; }

    public bool IsRaw => BucketMs == 0;

    public int Length { get; }

    public long[] StartMs { get; }

    public long[] LastMs { get; }

    public double[] Last { get; }

    public long[]? Count { get; private init; }

    public double[]? Sum { get; private init; }

    public double[]? Min { get; private init; }

    public double[]? Max { get; private init; }

    public double[]? First { get; private init; }

    public long[]? FirstMs { get; private init; }

    public double[]? PreviousLast { get; private init; }

    public long[]? PreviousLastMs { get; private init; }

    public double[]? Increase { get; private init; }

    public double[]? SumDt { get; private init; }

    public double[]? SumDt2 { get; private init; }

    public double[]? SumDtValue { get; private init; }

    public IQuantileSketch?[]? Sketches { get; private init; }

    /// <summary>Raw samples in time order; the arrays are used as they are (length may exceed <paramref name="length"/>).</summary>
    public static PointColumns Raw(long[] timesMs, double[] values, int length) => new(0, length, timesMs, timesMs, values);

    /// <summary>Empty bucket columns for <paramref name="length"/> buckets with room for the requested fields; fill them with <see cref="Set"/>.</summary>
    public static PointColumns Buckets(long bucketMs, int length, BucketFields fields)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bucketMs, 0);
        bool Has(BucketFields f) => (fields & f) != 0;
        return new PointColumns(bucketMs, length, new long[length], new long[length], new double[length])
        {
            Count = Has(BucketFields.Count) ? new long[length] : null,
            Sum = Has(BucketFields.Sum) ? new double[length] : null,
            Min = Has(BucketFields.MinMax) ? new double[length] : null,
            Max = Has(BucketFields.MinMax) ? new double[length] : null,
            First = Has(BucketFields.First) ? new double[length] : null,
            FirstMs = Has(BucketFields.First) ? new long[length] : null,
            PreviousLast = Has(BucketFields.PreviousLast) ? new double[length] : null,
            PreviousLastMs = Has(BucketFields.PreviousLast) ? new long[length] : null,
            Increase = Has(BucketFields.Increase) ? new double[length] : null,
            SumDt = Has(BucketFields.Regression) ? new double[length] : null,
            SumDt2 = Has(BucketFields.Regression) ? new double[length] : null,
            SumDtValue = Has(BucketFields.Regression) ? new double[length] : null,
            Sketches = Has(BucketFields.Sketch) ? new IQuantileSketch?[length] : null,
        };
    }

    /// <summary>Writes one bucket into the columns that exist.</summary>
    public void Set(int index, in Bucket bucket)
    {
        StartMs[index] = bucket.StartMs;
        LastMs[index] = bucket.LastMs;
        Last[index] = bucket.Last;
        Count?[index] = bucket.Count;
        Sum?[index] = bucket.Sum;
        Min?[index] = bucket.Min;
        Max?[index] = bucket.Max;
        First?[index] = bucket.First;
        FirstMs?[index] = bucket.FirstMs;
        PreviousLast?[index] = bucket.PreviousLast;
        PreviousLastMs?[index] = bucket.PreviousLastMs;
        Increase?[index] = bucket.Increase;
        SumDt?[index] = bucket.SumDt;
        SumDt2?[index] = bucket.SumDt2;
        SumDtValue?[index] = bucket.SumDtValue;
        Sketches?[index] = bucket.Sketch;
    }

    /// <summary>Points [from, to) as new columns with the same fields.</summary>
    public PointColumns Slice(int from, int to)
    {
        if (IsRaw)
        {
            return Raw(LastMs[from..to], Last[from..to], to - from);
        }
        return new PointColumns(BucketMs, to - from, StartMs[from..to], LastMs[from..to], Last[from..to])
        {
            Count = Count?[from..to],
            Sum = Sum?[from..to],
            Min = Min?[from..to],
            Max = Max?[from..to],
            First = First?[from..to],
            FirstMs = FirstMs?[from..to],
            PreviousLast = PreviousLast?[from..to],
            PreviousLastMs = PreviousLastMs?[from..to],
            Increase = Increase?[from..to],
            SumDt = SumDt?[from..to],
            SumDt2 = SumDt2?[from..to],
            SumDtValue = SumDtValue?[from..to],
            Sketches = Sketches?[from..to],
        };
    }

    /// <summary>The same columns seen as their first <paramref name="length"/> points (the arrays are shared, not copied).</summary>
    internal PointColumns Truncated(int length) => IsRaw
        ? Raw(LastMs, Last, length)
        : new PointColumns(BucketMs, length, StartMs, LastMs, Last)
        {
            Count = Count, Sum = Sum, Min = Min, Max = Max, First = First, FirstMs = FirstMs, PreviousLast = PreviousLast,
            PreviousLastMs = PreviousLastMs, Increase = Increase, SumDt = SumDt, SumDt2 = SumDt2, SumDtValue = SumDtValue, Sketches = Sketches,
        };

    /// <summary>Copies point <paramref name="from"/> into point <paramref name="to"/> of <paramref name="target"/>, which has the same fields.</summary>
    internal void CopyPoint(int from, PointColumns target, int to)
    {
        target.StartMs[to] = StartMs[from];
        target.LastMs[to] = LastMs[from];
        target.Last[to] = Last[from];
        Count?.CopyElement(target.Count!, from, to);
        Sum?.CopyElement(target.Sum!, from, to);
        Min?.CopyElement(target.Min!, from, to);
        Max?.CopyElement(target.Max!, from, to);
        First?.CopyElement(target.First!, from, to);
        FirstMs?.CopyElement(target.FirstMs!, from, to);
        PreviousLast?.CopyElement(target.PreviousLast!, from, to);
        PreviousLastMs?.CopyElement(target.PreviousLastMs!, from, to);
        Increase?.CopyElement(target.Increase!, from, to);
        SumDt?.CopyElement(target.SumDt!, from, to);
        SumDt2?.CopyElement(target.SumDt2!, from, to);
        SumDtValue?.CopyElement(target.SumDtValue!, from, to);
        Sketches?.CopyElement(target.Sketches!, from, to);
    }

    /// <summary>The sample counts of points [from, to) (raw samples count one each: use the length instead).</summary>
    public ReadOnlySpan<long> CountsOf(int from, int to) => Need(Count, BucketFields.Count).AsSpan(from, to - from);

    /// <summary>The sums of points [from, to); raw samples are their own sums.</summary>
    public ReadOnlySpan<double> SumsOf(int from, int to) => (IsRaw ? Last : Need(Sum, BucketFields.Sum)).AsSpan(from, to - from);

    public long CountAt(int i) => IsRaw ? 1 : Need(Count, BucketFields.Count)[i];

    public double SumAt(int i) => IsRaw ? Last[i] : Need(Sum, BucketFields.Sum)[i];

    public double MinAt(int i) => IsRaw ? Last[i] : Need(Min, BucketFields.MinMax)[i];

    public double MaxAt(int i) => IsRaw ? Last[i] : Need(Max, BucketFields.MinMax)[i];

    public double FirstAt(int i) => IsRaw ? Last[i] : Need(First, BucketFields.First)[i];

    public long FirstMsAt(int i) => IsRaw ? LastMs[i] : Need(FirstMs, BucketFields.First)[i];

    public double IncreaseAt(int i) => IsRaw ? 0 : Need(Increase, BucketFields.Increase)[i];

    /// <summary>The sample before the last one within the same point, if the point holds two or more.</summary>
    public bool TryPreviousLast(int i, out long timeMs, out double value)
    {
        if (IsRaw || Need(PreviousLastMs, BucketFields.PreviousLast)[i] == Bucket.NoSample)
        {
            (timeMs, value) = (0, 0);
            return false;
        }
        (timeMs, value) = (PreviousLastMs![i], PreviousLast![i]);
        return true;
    }

    public IQuantileSketch SketchAt(int i) =>
        Need(Sketches, BucketFields.Sketch)[i] ?? throw new InvalidOperationException("a bucket in the selection has no sketch");

    /// <summary>The index of the first point whose last sample is at or after <paramref name="timeMs"/> (Length if none).</summary>
    public int FirstIndexAtOrAfter(long timeMs)
    {
        var index = Array.BinarySearch(LastMs, 0, Length, timeMs);
        if (index < 0)
        {
            return ~index;
        }
        while (index > 0 && LastMs[index - 1] == timeMs)
        {
            index--;
        }
        return index;
    }

    /// <summary>The index just past the last point whose last sample is at or before <paramref name="timeMs"/>.</summary>
    public int EndIndexAtOrBefore(long timeMs)
    {
        var index = Array.BinarySearch(LastMs, 0, Length, timeMs);
        if (index < 0)
        {
            return ~index;
        }
        while (index < Length - 1 && LastMs[index + 1] == timeMs)
        {
            index++;
        }
        return index + 1;
    }

    private T[] Need<T>(T[]? column, BucketFields field) =>
        column ?? throw new InvalidOperationException($"the series source did not fill the {field} field that this query reads");
}
