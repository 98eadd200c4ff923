namespace PerfMonitor.LoadGen;

/// <summary>
/// Whether a measure stayed flat over a soak: its typical value early in the run (10-35% of the duration, after
/// warm-up) against late in the run (the last quarter). Memory is compared at the median, lag at p95 and freshness at
/// p50; each has a tolerance so the noise of a shared machine is not read as a trend.
/// </summary>
public sealed record SoakTrend(string Measure, string Unit, double Early, double Late, bool Flat)
{
    private const double EarlyFrom = 0.10, EarlyTo = 0.35, LateFrom = 0.75;
    private const double MemoryGrowthAllowed = 0.20, MemoryMiBAllowed = 32;
    private const double LagFactorAllowed = 2, LagRecordsAllowed = 1_000;
    private const double FreshnessFactorAllowed = 2, FreshnessMsAllowed = 500;
    private const double RateDropAllowed = 0.10;

    public static IReadOnlyList<SoakTrend> Compare(
        IReadOnlyList<TimelinePoint> timeline, IReadOnlyList<(double AtSeconds, double LatencyMs)> freshness, double durationSeconds)
    {
        bool IsEarly(double at) => at >= EarlyFrom * durationSeconds && at < EarlyTo * durationSeconds;
        bool IsLate(double at) => at >= LateFrom * durationSeconds;
        var early = timeline.Where(p => IsEarly(p.Seconds)).ToList();
        var late = timeline.Where(p => IsLate(p.Seconds)).ToList();
        var trends = new List<SoakTrend>();

        foreach (var service in timeline.SelectMany(p => p.MemoryMiB.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var before = Median(early, p => p.MemoryMiB.GetValueOrDefault(service, double.NaN));
            var after = Median(late, p => p.MemoryMiB.GetValueOrDefault(service, double.NaN));
            trends.Add(new SoakTrend($"{service} memory", "MiB", before, after,
                after - before <= Math.Max(MemoryGrowthAllowed * before, MemoryMiBAllowed)));
        }

        var lagBefore = Stats.Percentile(early.Where(p => p.Lag >= 0).Select(p => (double)p.Lag).ToList(), 0.95);
        var lagAfter = Stats.Percentile(late.Where(p => p.Lag >= 0).Select(p => (double)p.Lag).ToList(), 0.95);
        trends.Add(new SoakTrend("analytics lag p95", "records", lagBefore, lagAfter, lagAfter <= (LagFactorAllowed * lagBefore) + LagRecordsAllowed));

        var freshBefore = Stats.Percentile(freshness.Where(p => IsEarly(p.AtSeconds)).Select(p => p.LatencyMs).ToList(), 0.5);
        var freshAfter = Stats.Percentile(freshness.Where(p => IsLate(p.AtSeconds)).Select(p => p.LatencyMs).ToList(), 0.5);
        trends.Add(new SoakTrend("freshness p50", "ms", freshBefore, freshAfter, freshAfter <= (FreshnessFactorAllowed * freshBefore) + FreshnessMsAllowed));

        var rateBefore = Median(early, p => p.AcceptedPerSecond);
        var rateAfter = Median(late, p => p.AcceptedPerSecond);
        trends.Add(new SoakTrend("accepted rate", "samples/s", rateBefore, rateAfter, rateAfter >= (1 - RateDropAllowed) * rateBefore));
        return trends;
    }

    private static double Median(IEnumerable<TimelinePoint> points, Func<TimelinePoint, double> value) =>
        Stats.Percentile(points.Select(value).Where(v => !double.IsNaN(v)).ToList(), 0.5);
}
