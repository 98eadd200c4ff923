using PerfMonitor.Alerting.Rules;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// The samples of one series (or one group of series) inside a rule's window, by sample time, aggregated on demand.
/// Bounded: past <see cref="MaxPoints"/> the oldest points go first, so one very chatty series cannot exhaust memory.
/// </summary>
public sealed class SlidingWindow(TimeSpan length) : ISampleWindow
{
    public const int MaxPoints = 4_096;

    private readonly Queue<(long TimestampMs, double Value, long SeriesId, bool Delta)> points = new();
    private readonly long lengthMs = (long)length.TotalMilliseconds;

    public int Count => points.Count;

    public bool IsEmpty => points.Count == 0;

    /// <summary>Every sample counts alike here: the numerator only matters to <see cref="RatioWindow"/>.</summary>
    public void Add(long timestampMs, double value, long seriesId, bool inNumerator, Temporality temporality = Temporality.Unspecified)
    {
        points.Enqueue((timestampMs, value, seriesId, temporality == Temporality.Delta));
        while (points.Count > 0 && (points.Peek().TimestampMs <= timestampMs - lengthMs || points.Count > MaxPoints))
        {
            points.Dequeue();
        }
    }

    public double Aggregate(RuleAggregation aggregation)
    {
        if (points.Count == 0)
        {
            return double.NaN;
        }
        return aggregation switch
        {
            RuleAggregation.Min => points.Min(p => p.Value),
            RuleAggregation.Max => points.Max(p => p.Value),
            RuleAggregation.Sum => points.Sum(p => p.Value),
            RuleAggregation.Count => points.Count,
            RuleAggregation.P50 => Percentile(0.50),
            RuleAggregation.P95 => Percentile(0.95),
            RuleAggregation.P99 => Percentile(0.99),
            RuleAggregation.Rate => Rate(),
            _ => points.Average(p => p.Value),
        };
    }

    /// <summary>Nearest-rank percentile of the values in the window.</summary>
    private double Percentile(double quantile)
    {
        var sorted = points.Select(p => p.Value).Order().ToArray();
        var rank = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// Per-second increase of a counter over the window. A cumulative sample (also when unspecified) is a running total: the
    /// increase is its step from the series' previous sample, and a drop is a reset, as Prometheus reads it. A delta sample
    /// is the increment since the series' previous sample, so the steps are its values; the first sample's increment
    /// happened before the window's first time and is not counted, as a cumulative first sample's total is not. A group's
    /// window interleaves several counters: each is stepped only with itself, and the group's rate is the sum of theirs.
    /// </summary>
    private double Rate()
    {
        var counters = new Dictionary<long, (long FirstMs, long LastMs, double Last, double Increase)>();
        foreach (var point in points)
        {
            if (!counters.TryGetValue(point.SeriesId, out var counter))
            {
                counters[point.SeriesId] = (point.TimestampMs, point.TimestampMs, point.Value, 0);
                continue;
            }
            var increase = point.Delta ? point.Value : point.Value >= counter.Last ? point.Value - counter.Last : point.Value;
            counters[point.SeriesId] = (counter.FirstMs, point.TimestampMs, point.Value, counter.Increase + increase);
        }
        double rate = 0;
        foreach (var (firstMs, lastMs, _, increase) in counters.Values)
        {
            var seconds = (lastMs - firstMs) / 1000.0;
            rate += seconds > 0 ? increase / seconds : 0;
        }
        return rate;
    }
}
