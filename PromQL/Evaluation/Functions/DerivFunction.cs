namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>
/// deriv: the least-squares slope of value over time in seconds. Buckets carry Σdt, Σdt², Σdt·v from their start,
/// which shift exactly to a common origin, so the slope is the one over the raw samples.
/// </summary>
internal static class DerivFunction
{
    public static bool Deriv(in SeriesWindow w, double _, out double value)
    {
        value = 0;
        var p = w.Points;
        var n = (double)w.SampleCount();
        if (n < 2)
        {
            return false;
        }
        if (IsConstant(w))
        {
            value = double.IsInfinity(p.Last[w.Start]) ? double.NaN : 0;
            return true;
        }
        var origin = p.StartMs[w.Start];
        double sumX = 0, sumY = 0, sumXY = 0, sumX2 = 0;
        for (var i = w.Start; i < w.End; i++)
        {
            var shift = (p.StartMs[i] - origin) / 1000.0;
            if (p.IsRaw)
            {
                var y = p.Last[i];
                sumX += shift;
                sumY += y;
                sumXY += shift * y;
                sumX2 += shift * shift;
                continue;
            }
            var count = p.CountAt(i);
            sumX += p.SumDt![i] + count * shift;
            sumY += p.SumAt(i);
            sumXY += p.SumDtValue![i] + shift * p.SumAt(i);
            sumX2 += p.SumDt2![i] + 2 * shift * p.SumDt[i] + count * shift * shift;
        }
        var covariance = sumXY - sumX * sumY / n;
        var variance = sumX2 - sumX * sumX / n;
        value = covariance / variance;
        return true;
    }

    private static bool IsConstant(in SeriesWindow w)
    {
        var p = w.Points;
        var initial = p.IsRaw ? p.Last[w.Start] : p.MinAt(w.Start);
        for (var i = w.Start; i < w.End; i++)
        {
            if (p.MinAt(i) != initial || p.MaxAt(i) != initial)
            {
                return false;
            }
        }
        return true;
    }
}
