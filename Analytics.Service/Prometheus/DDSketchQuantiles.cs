using PerfMonitor.Analytics.Sketches;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>The rollups' DDSketch behind the PromQL engine's sketch interface: quantile_over_time reads ranks from it.</summary>
public sealed class DDSketchQuantiles(DDSketch sketch) : IQuantileSketch
{
    private DDSketch Sketch { get; } = sketch;

    public long Count => Sketch.Count;

    public double ValueAtRank(long rank) => Sketch.ValueAtRank(rank);

    public IQuantileSketch MergedWith(IQuantileSketch other)
    {
        var merged = Sketch.Clone();
        merged.Merge(((DDSketchQuantiles)other).Sketch);
        return new DDSketchQuantiles(merged);
    }
}
