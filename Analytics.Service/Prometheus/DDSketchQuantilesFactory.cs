using PerfMonitor.Analytics.Sketches;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>Makes the DDSketch of a bucket's values, as the rollups do, for sources that build buckets from raw samples.</summary>
public sealed class DDSketchQuantilesFactory : IQuantileSketchFactory
{
    public IQuantileSketch Create(ReadOnlySpan<double> values) => new DDSketchQuantiles(DDSketch.FromValues(values.ToArray()));
}
