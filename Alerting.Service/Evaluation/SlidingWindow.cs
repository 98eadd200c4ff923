namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// The samples of one series (or one group of series) inside a rule's window, by sample time, aggregated on demand. Bounded: past
/// <see cref="MaxPoints"/> the oldest points go first, so one very chatty series cannot exhaust memory.
/// </summary>
public sealed class SlidingWindow(TimeSpan length) : ISampleWindow
{
    public const int MaxPoints = 4_096;

    private readonly Queue<(long TimestampMs, double Value)> points = new();
    private readonly long lengthMs = (long)length.TotalMilliseconds;

    public int Count => points.Count;

    public bool IsEmpty => points.Count == 0;

    /// <summary>Every sample counts alike here: the numerator only matters to <see cref="RatioWindow"/>.</summary>
    public void Add(long timestampMs, double value, bool inNumerator) => Add(timestampMs, value);

    public void Add(long timestampMs, double value)
    {
        points.Enqueue((timestampMs, value));
        while (points.Count > 0 && (points.Peek().TimestampMs <= timestampMs - lengthMs || points.Count > MaxPoints))
        {
            points.Dequeue();
        }
    }

    public double Aggregate(string aggregation)
    {
        if (points.Count == 0)
        {
            return double.NaN;
        }
        return aggregation switch
        {
            "min" => points.Min(p => p.Value),
            "max" => points.Max(p => p.Value),
            "sum" => points.Sum(p => p.Value),
            "count" => points.Count,
            "p50" => Percentile(0.50),
            "p95" => Percentile(0.95),
            "p99" => Percentile(0.99),
            "rate" => Rate(),
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

    /// <summary>Per-second increase of a counter over the window; a drop is read as a counter reset, as Prometheus does.</summary>
    private double Rate()
    {
        if (points.Count < 2)
        {
            return 0;
        }
        double increase = 0;
        var previous = points.Peek();
        foreach (var point in points.Skip(1))
        {
            increase += point.Value >= previous.Value ? point.Value - previous.Value : point.Value;
            previous = point;
        }
        var seconds = (previous.TimestampMs - points.Peek().TimestampMs) / 1000.0;
        return seconds > 0 ? increase / seconds : 0;
    }
}
