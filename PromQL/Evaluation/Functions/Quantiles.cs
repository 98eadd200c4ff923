using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>Prometheus's quantile: linear interpolation between the values at the ranks around q·(n−1).</summary>
internal static class Quantiles
{
    /// <summary>The quantile of values sorted in place (NaN first, as Prometheus sorts them).</summary>
    public static double OfValues(double q, Span<double> values)
    {
        if (values.Length == 0 || double.IsNaN(q))
        {
            return double.NaN;
        }
        if (q < 0 || q > 1)
        {
            return q < 0 ? double.NegativeInfinity : double.PositiveInfinity;
        }
        values.Sort(static (a, b) => double.IsNaN(a) ? (double.IsNaN(b) ? 0 : -1) : double.IsNaN(b) ? 1 : a.CompareTo(b));
        var (lower, upper, weight) = Ranks(q, values.Length);
        return values[(int)lower] * (1 - weight) + values[(int)upper] * weight;
    }

    /// <summary>The same interpolation over a sketch's ranks, within the sketch's accuracy.</summary>
    public static double OfSketch(double q, IQuantileSketch sketch)
    {
        if (sketch.Count == 0 || double.IsNaN(q))
        {
            return double.NaN;
        }
        if (q < 0 || q > 1)
        {
            return q < 0 ? double.NegativeInfinity : double.PositiveInfinity;
        }
        var (lower, upper, weight) = Ranks(q, sketch.Count);
        var low = sketch.ValueAtRank(lower);
        return weight == 0 ? low : low * (1 - weight) + sketch.ValueAtRank(upper) * weight;
    }

    private static (long Lower, long Upper, double Weight) Ranks(double q, long count)
    {
        var rank = q * (count - 1);
        var lower = (long)Math.Max(0, Math.Floor(rank));
        var upper = Math.Min(count - 1, lower + 1);
        return (lower, upper, rank - Math.Floor(rank));
    }
}
