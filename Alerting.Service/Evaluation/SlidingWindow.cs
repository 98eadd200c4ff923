namespace PerfMonitor.Alerting.Evaluation;

/// <summary>The samples of one series inside a rule's window, by sample time, aggregated on demand.</summary>
public sealed class SlidingWindow(TimeSpan length)
{
    private readonly Queue<(long TimestampMs, double Value)> points = new();
    private readonly long lengthMs = (long)length.TotalMilliseconds;

    public void Add(long timestampMs, double value)
    {
        points.Enqueue((timestampMs, value));
        while (points.Count > 0 && points.Peek().TimestampMs <= timestampMs - lengthMs)
        {
            points.Dequeue();
        }
    }

    public double Aggregate(string aggregation) => aggregation switch
    {
        "min" => points.Min(p => p.Value),
        "max" => points.Max(p => p.Value),
        "sum" => points.Sum(p => p.Value),
        "count" => points.Count,
        _ => points.Average(p => p.Value),
    };
}
