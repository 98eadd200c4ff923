using PerfMonitor.Analytics.Sketches;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// A whole minute row as one flush wrote it, with that flush's stamp: while the stored stamp is still this one,
/// the row is exactly this and the next flush can overwrite it without reading it back.
/// </summary>
public sealed record KnownCell(int Partition, Bucket Fields, double Increase, DDSketch Sketch, long Stamp)
{
    /// <summary>A row nobody wrote yet: the cell itself. The cell's sketch is taken over, not copied.</summary>
    public static KnownCell From(RollupCell cell, long stamp) => new(cell.Partition, cell.Bucket, cell.Increase, cell.Sketch, stamp);

    /// <summary>
    /// This row with the cell's samples added, as if both had been folded together (<see cref="BucketMath.Combine"/>:
    /// exact when the cell's samples all come after the row's, as they do in time order). This row is not changed.
    /// </summary>
    public KnownCell Plus(RollupCell cell, long stamp)
    {
        var sketch = Sketch.Clone();
        sketch.Merge(cell.Sketch);
        return new(cell.Partition, BucketMath.Combine(Fields, cell.Bucket, Fields.StartMs), Increase + cell.Increase, sketch, stamp);
    }
}
