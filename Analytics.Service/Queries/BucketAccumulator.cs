using PerfMonitor.Analytics.Sketches;

namespace PerfMonitor.Analytics.Queries;

/// <summary>Merges stored rows (any series, any finer bucket) into one answer bucket.</summary>
public sealed class BucketAccumulator
{
    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public double Increase { get; private set; }

    public DDSketch Sketch { get; } = new();

    public void Add(long count, double sum, double min, double max, double increase, byte[]? sketch)
    {
        Count += count;
        Sum += sum;
        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
        Increase += increase;
        if (sketch is not null)
        {
            Sketch.Merge(DDSketch.Deserialize(sketch));
        }
    }

    public double Avg => Count == 0 ? 0 : Sum / Count;

    /// <summary>A sketch quantile, clamped to the exact min and max the rows carry.</summary>
    public double? Quantile(double q) => Sketch.IsEmpty ? null : Math.Clamp(Sketch.Quantile(q), Min, Max);

    public RollupPoint ToPoint(DateTimeOffset time, TimeSpan step, string aggregation)
    {
        var rate = Increase / step.TotalSeconds;
        var point = new RollupPoint(time, Count, Sum, Min, Max, Avg, Quantile(0.5), Quantile(0.9), Quantile(0.95), Quantile(0.99), rate, 0);
        return point with { Value = Select(point, aggregation) };
    }

    public static double Select(RollupPoint point, string aggregation) => aggregation switch
    {
        "sum" => point.Sum,
        "min" => point.Min,
        "max" => point.Max,
        "count" => point.Count,
        "rate" => point.Rate,
        "p50" => point.P50 ?? double.NaN,
        "p90" => point.P90 ?? double.NaN,
        "p95" => point.P95 ?? double.NaN,
        "p99" => point.P99 ?? double.NaN,
        _ => point.Avg,
    };

    public static readonly string[] Aggregations = ["avg", "sum", "min", "max", "count", "rate", "p50", "p90", "p95", "p99"];
}
