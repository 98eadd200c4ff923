namespace PerfMonitor.PromQL.Storage;

/// <summary>
/// A mergeable summary of a bucket's values that answers rank queries, such as the analytics service's DDSketch.
/// The engine interpolates between neighbouring ranks as Prometheus's quantile_over_time does, so a sketch with
/// relative accuracy α gives results within α of Prometheus's.
/// </summary>
public interface IQuantileSketch
{
    long Count { get; }

    /// <summary>The value at a 0-based rank among the <see cref="Count"/> values, in ascending order.</summary>
    double ValueAtRank(long rank);

    /// <summary>A new sketch of both sketches' values; neither input changes.</summary>
    IQuantileSketch MergedWith(IQuantileSketch other);
}

/// <summary>Makes the sketch of one bucket's values.</summary>
public interface IQuantileSketchFactory
{
    IQuantileSketch Create(ReadOnlySpan<double> values);
}
