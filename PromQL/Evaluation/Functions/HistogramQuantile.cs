using System.Globalization;
using PerfMonitor.PromQL.Model;

namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>
/// histogram_quantile over classic histograms: the samples of one histogram are the series that differ only in
/// <c>le</c>; the quantile is interpolated linearly inside the bucket that holds its rank, as in Prometheus
/// (buckets sorted by bound, equal bounds merged, counts made monotonic, NaN without a +Inf bucket).
/// </summary>
internal static class HistogramQuantile
{
    private const string BucketLabel = "le";

    private static readonly string[] Excluded = [LabelSet.MetricName, BucketLabel];

    public static StepValue Evaluate(FunctionCall call)
    {
        var q = call.Scalar(0);
        var samples = call.Vector(1);
        var groups = new Dictionary<LabelSet, List<(double UpperBound, double Count)>>();
        foreach (var sample in samples)
        {
            if (!TryParseBound(sample.Labels.Get(BucketLabel), out var bound))
            {
                continue;
            }
            var key = call.Evaluator.Labels.Derive(call.Expr, sample.Labels, 0, static (labels, _) => labels.Without(Excluded));
            if (!groups.TryGetValue(key, out var buckets))
            {
                groups[key] = buckets = [];
            }
            buckets.Add((bound, sample.Value));
        }
        var result = new List<VectorSample>(groups.Count);
        foreach (var (labels, buckets) in groups)
        {
            result.Add(new VectorSample(labels, BucketQuantile(q, buckets)));
        }
        return new VectorValue(result);
    }

    public static double BucketQuantile(double q, List<(double UpperBound, double Count)> buckets)
    {
        if (double.IsNaN(q))
        {
            return double.NaN;
        }
        if (q < 0 || q > 1)
        {
            return q < 0 ? double.NegativeInfinity : double.PositiveInfinity;
        }
        buckets.Sort(static (a, b) => a.UpperBound.CompareTo(b.UpperBound));
        if (!double.IsPositiveInfinity(buckets[^1].UpperBound))
        {
            return double.NaN;
        }
        Coalesce(buckets);
        EnsureMonotonic(buckets);
        if (buckets.Count < 2 || buckets[^1].Count == 0)
        {
            return double.NaN;
        }
        var rank = q * buckets[^1].Count;
        var b = 0;
        while (b < buckets.Count - 1 && buckets[b].Count < rank)
        {
            b++;
        }
        if (b == buckets.Count - 1)
        {
            return buckets[^2].UpperBound;
        }
        if (b == 0 && buckets[0].UpperBound <= 0)
        {
            return buckets[0].UpperBound;
        }
        var (start, end, count) = (0.0, buckets[b].UpperBound, buckets[b].Count);
        if (b > 0)
        {
            start = buckets[b - 1].UpperBound;
            count -= buckets[b - 1].Count;
            rank -= buckets[b - 1].Count;
        }
        return start + (end - start) * (rank / count);
    }

    private static void Coalesce(List<(double UpperBound, double Count)> buckets)
    {
        var kept = 0;
        for (var i = 1; i < buckets.Count; i++)
        {
            if (buckets[i].UpperBound == buckets[kept].UpperBound)
            {
                buckets[kept] = (buckets[kept].UpperBound, buckets[kept].Count + buckets[i].Count);
            }
            else
            {
                buckets[++kept] = buckets[i];
            }
        }
        buckets.RemoveRange(kept + 1, buckets.Count - kept - 1);
    }

    // Counts can decrease from one bucket to the next when the buckets were scraped or rated at different moments.
    private static void EnsureMonotonic(List<(double UpperBound, double Count)> buckets)
    {
        var max = buckets[0].Count;
        for (var i = 1; i < buckets.Count; i++)
        {
            if (buckets[i].Count > max)
            {
                max = buckets[i].Count;
            }
            else if (buckets[i].Count < max)
            {
                buckets[i] = (buckets[i].UpperBound, max);
            }
        }
    }

    private static bool TryParseBound(string? text, out double bound)
    {
        bound = 0;
        if (text is null)
        {
            return false;
        }
        var trimmed = text.TrimStart('+');
        if (trimmed.Equals("inf", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            bound = double.PositiveInfinity;
            return true;
        }
        if (text.Equals("-inf", StringComparison.OrdinalIgnoreCase))
        {
            bound = double.NegativeInfinity;
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out bound);
    }
}
