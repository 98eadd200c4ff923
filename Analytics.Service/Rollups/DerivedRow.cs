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

    public void Add(MinuteRow minute) =>
        Add(minute.Count, minute.Sum, minute.Min, minute.Max, minute.Last, minute.LastAtMs, minute.Increase, minute.Sketch);

    /// <summary>Adds a narrower derived row: an hour merges its twelve five-minute rows rather than sixty minute sketches.</summary>
    public void Add(DerivedRow row) => Add(row.Count, row.Sum, row.Min, row.Max, row.Last, row.LastAtMs, row.Increase, row.Sketch);

    private void Add(long count, double sum, double min, double max, double last, long lastAtMs, double increase, DDSketch? sketch)
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

    /// <summary>The row as it is copied, its sketch encoded: a series' rows are kept only in this form once it is done.</summary>
    public StoredRow ToStored() => new(SeriesId, Bucket, Count, Sum, Min, Max, Last, LastAtMs, Increase, Sketch.Serialize());
}
