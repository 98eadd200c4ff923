using PerfMonitor.Analytics.Sketches;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>An hour of one series, accumulated from its minute rows.</summary>
public sealed class HourRow(long seriesId)
{
    public long SeriesId { get; } = seriesId;

    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public double Last { get; private set; }

    public long LastAtMs { get; private set; } = long.MinValue;

    public double Increase { get; private set; }

    public DDSketch Sketch { get; } = new();

    public void Add(long count, double sum, double min, double max, double last, long lastAtMs, double increase, DDSketch? sketch)
    {
        Count += count;
        Sum += sum;
        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
        Increase += increase;
        if (lastAtMs >= LastAtMs)
        {
            Last = last;
            LastAtMs = lastAtMs;
        }
        if (sketch is not null)
        {
            Sketch.Merge(sketch);
        }
    }
}
