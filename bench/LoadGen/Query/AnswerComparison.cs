namespace PerfMonitor.LoadGen.Query;

/// <summary>
/// Whether PerfMonitor's answer is Prometheus's: the same series (by labels), the same timestamps, and each value
/// within the relative tolerance (NaN only where the other is NaN), so a fast answer is also a right one.
/// </summary>
public static class AnswerComparison
{
    private const double AbsoluteFloor = 1e-9;

    public sealed record Verdict(bool Agree, int Points, int Mismatched, string Detail);

    public static Verdict Compare(PromAnswer perfMonitor, PromAnswer prometheus, double tolerance)
    {
        if (perfMonitor.Error is not null || prometheus.Error is not null)
        {
            return new(false, 0, 0, $"error: PerfMonitor {perfMonitor.Error ?? "ok"}; Prometheus {prometheus.Error ?? "ok"}");
        }
        if (prometheus.Series.Count == 0)
        {
            return new(false, 0, 0, "Prometheus returned no series: nothing to compare");
        }
        var missing = prometheus.Series.Keys.Except(perfMonitor.Series.Keys).ToList();
        var extra = perfMonitor.Series.Keys.Except(prometheus.Series.Keys).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            return new(false, 0, 0, $"series differ: {missing.Count} missing (e.g. {missing.FirstOrDefault()}), {extra.Count} extra (e.g. {extra.FirstOrDefault()})");
        }
        var points = 0;
        var mismatched = 0;
        string? first = null;
        foreach (var (labels, expected) in prometheus.Series)
        {
            var actual = perfMonitor.Series[labels].ToDictionary(p => p.Time, p => p.Value);
            foreach (var (time, value) in expected)
            {
                points++;
                if (!actual.TryGetValue(time, out var got) || !Close(got, value, tolerance))
                {
                    mismatched++;
                    first ??= $"{labels} at {time}: PerfMonitor {(actual.TryGetValue(time, out var g) ? g : double.NaN)}, Prometheus {value}";
                }
            }
            mismatched += actual.Keys.Except(expected.Select(p => p.Time)).Count();
        }
        return new(mismatched == 0, points, mismatched,
            mismatched == 0 ? $"{prometheus.Series.Count} series, {points} points within {tolerance:P1}" : $"{mismatched} of {points} points differ (first: {first ?? "an extra point"})");
    }

    private static bool Close(double actual, double expected, double tolerance) =>
        double.IsNaN(expected) ? double.IsNaN(actual)
        : double.IsInfinity(expected) ? actual == expected
        : Math.Abs(actual - expected) <= Math.Max(AbsoluteFloor, tolerance * Math.Abs(expected));
}
