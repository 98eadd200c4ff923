using PerfMonitor.Analytics.Sketches;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>The analytics service's DDSketch behind the engine's sketch interface, as the rollup adapter will plug it in.</summary>
public sealed class DDSketchAdapter(DDSketch sketch) : IQuantileSketch
{
    private DDSketch Sketch { get; } = sketch;

    public long Count => Sketch.Count;

    // DDSketch answers the value at rank q·(count−1), counting a bucket once its cumulative count exceeds the rank;
    // asking half a rank above lands inside the bucket that holds exactly this rank.
    public double ValueAtRank(long rank) => Sketch.Quantile(Math.Min(1, (rank + 0.5) / Math.Max(1, Count - 1)));

    public IQuantileSketch MergedWith(IQuantileSketch other)
    {
        var merged = Sketch.Clone();
        merged.Merge(((DDSketchAdapter)other).Sketch);
        return new DDSketchAdapter(merged);
    }
}

public sealed class DDSketchFactory : IQuantileSketchFactory
{
    public IQuantileSketch Create(ReadOnlySpan<double> values) => new DDSketchAdapter(DDSketch.FromValues(values.ToArray()));
}
