using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>
/// rate, increase, delta (Prometheus's extrapolatedRate), irate and idelta (its instantValue). On buckets they read
/// the first sample, the in-bucket increase and the last sample of each bucket, and add the counter step between
/// neighbouring buckets, which gives the same sums as over the raw samples. A delta counter's samples are increments:
/// its increase is their sum inside the window, its rate that sum over the range, its irate the last increment over
/// the time since the sample before it; nothing is extrapolated (as Prometheus's delta proposal suggests, see
/// docs/promql.md).
/// </summary>
internal static class RateFunctions
{
    public const BucketFields ExtrapolatedNeeds = BucketFields.Count | BucketFields.First | BucketFields.Increase | BucketFields.Sum;

    public const BucketFields InstantNeeds = BucketFields.PreviousLast;

    public const BucketFields DerivNeeds = BucketFields.Count | BucketFields.Sum | BucketFields.MinMax | BucketFields.Regression;

    public static bool Rate(in SeriesWindow w, double _, out double value) => Extrapolated(w, isCounter: true, isRate: true, out value);

    public static bool Increase(in SeriesWindow w, double _, out double value) => Extrapolated(w, isCounter: true, isRate: false, out value);

    public static bool Delta(in SeriesWindow w, double _, out double value) => Extrapolated(w, isCounter: false, isRate: false, out value);

    public static bool Irate(in SeriesWindow w, double _, out double value) => InstantValue(w, isRate: true, out value);

    public static bool Idelta(in SeriesWindow w, double _, out double value) => InstantValue(w, isRate: false, out value);

    private static bool Extrapolated(in SeriesWindow w, bool isCounter, bool isRate, out double value)
    {
        if (isCounter && w.Series.IsDelta)
        {
            value = w.Sum() / (isRate ? w.RangeMs / 1000.0 : 1);
            return true;
        }
        value = 0;
        var p = w.Points;
        var samples = w.SampleCount();
        if (samples < 2)
        {
            return false;
        }
        var (first, firstMs) = (p.FirstAt(w.Start), p.FirstMsAt(w.Start));
        var (last, lastMs) = (p.Last[w.End - 1], p.LastMs[w.End - 1]);
        var result = isCounter ? CounterIncrease(w) : last - first;
        var durationToStart = (firstMs - w.FromMs) / 1000.0;
        var durationToEnd = (w.ToMs - lastMs) / 1000.0;
        var sampledInterval = (lastMs - firstMs) / 1000.0;
        var averageInterval = sampledInterval / (samples - 1);
        if (isCounter && result > 0 && first >= 0)
        {
            // A counter cannot go below zero: extrapolate back no further than where it would reach zero.
            durationToStart = Math.Min(durationToStart, sampledInterval * (first / result));
        }
        var threshold = averageInterval * 1.1;
        var extrapolateTo = sampledInterval
            + (durationToStart < threshold ? durationToStart : averageInterval / 2)
            + (durationToEnd < threshold ? durationToEnd : averageInterval / 2);
        var factor = extrapolateTo / sampledInterval;
        if (isRate)
        {
            factor /= w.RangeMs / 1000.0;
        }
        value = result * factor;
        return true;
    }

    /// <summary>The reset-corrected increase from the window's first sample to its last.</summary>
    private static double CounterIncrease(in SeriesWindow w)
    {
        var p = w.Points;
        double increase = 0;
        for (var i = w.Start; i < w.End; i++)
        {
            increase += p.IncreaseAt(i);
            if (i > w.Start)
            {
                increase += BucketMath.CounterStep(p.Last[i - 1], p.FirstAt(i));
            }
        }
        return increase;
    }

    private static bool InstantValue(in SeriesWindow w, bool isRate, out double value)
    {
        value = 0;
        var p = w.Points;
        var lastIndex = w.End - 1;
        long previousMs;
        double previous;
        if (!p.TryPreviousLast(lastIndex, out previousMs, out previous))
        {
            if (lastIndex == w.Start)
            {
                return false;
            }
            (previousMs, previous) = (p.LastMs[lastIndex - 1], p.Last[lastIndex - 1]);
        }
        var (last, lastMs) = (p.Last[lastIndex], p.LastMs[lastIndex]);
        value = isRate && (last < previous || w.Series.IsDelta) ? last : last - previous;
        if (lastMs == previousMs)
        {
            return false;
        }
        if (isRate)
        {
            value /= (lastMs - previousMs) / 1000.0;
        }
        return true;
    }
}
