using PerfMonitor.Analytics.Sketches;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>An hour or five minutes of one series, accumulated from its minute rows.</summary>
public sealed class DerivedRow(long seriesId, DateTime bucket)
{
    public long SeriesId { get; } = seriesId;

    public DateTime Bucket { get; } = bucket;

    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public double Last { get; private set; }

    public long LastAtMs { get; private set; } = long.MinValue;

    public double Increase { get; private set; }

    public DDSketch Sketch { get; } = new();

    public void Add(MinuteRow minute)
    {
        Count += minute.Count;
        Sum += minute.Sum;
        Min = Math.Min(Min, minute.Min);
        Max = Math.Max(Max, minute.Max);
        Increase += minute.Increase;
        if (minute.LastAtMs >= LastAtMs)
        {
            Last = minute.Last;
            LastAtMs = minute.LastAtMs;
        }
        if (minute.Sketch is not null)
        {
            Sketch.Merge(minute.Sketch);
        }
    }

    /// <summary>The row as it is copied, its sketch encoded: a series' rows are kept only in this form once it is done.</summary>
    public StoredRow ToStored() => new(SeriesId, Bucket, Count, Sum, Min, Max, Last, LastAtMs, Increase, Sketch.Serialize());
}
