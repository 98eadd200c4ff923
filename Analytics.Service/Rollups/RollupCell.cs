using PerfMonitor.Analytics.Sketches;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>The not-yet-written part of one series' minute: merged additively into the stored row.</summary>
public sealed class RollupCell(int partition)
{
    /// <summary>The Kafka partition the samples came from: the one whose offset guards this row's write.</summary>
    public int Partition { get; } = partition;

    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public double Last { get; private set; }

    public long LastAtMs { get; private set; } = long.MinValue;

    /// <summary>Counter increase (resets handled) attributed to this minute.</summary>
    public double Increase { get; set; }

    public DDSketch Sketch { get; } = new();

    public void Add(double value, long timestampMs)
    {
        Count++;
        Sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        Sketch.Add(value);
        if (timestampMs >= LastAtMs)
        {
            Last = value;
            LastAtMs = timestampMs;
        }
    }
}
