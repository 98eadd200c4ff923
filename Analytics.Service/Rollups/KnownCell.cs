using PerfMonitor.Analytics.Sketches;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// A whole minute row as one flush wrote it, with that flush's stamp: while the stored stamp is still this one,
/// the row is exactly this and the next flush can overwrite it without reading it back.
/// </summary>
public sealed record KnownCell(int Partition, Bucket Fields, double Increase, DDSketch Sketch, long Stamp)
{
    /// <summary>A row nobody wrote yet: the cell itself.</summary>
    public static KnownCell From(RollupCell cell, long stamp) => new(cell.Partition, cell.Bucket, cell.Increase, cell.ToSketch(), stamp);

    /// <summary>
    /// This row with the cell's samples added, as if both had been folded together (<see cref="BucketMath.Combine"/>:
    /// exact when the cell's samples all come after the row's, as they do in time order). The sketch takes the cell's
    /// values in place, so a flush copies no sketch: the returned row shares it, and this row is current only once
    /// the flush has committed (<see cref="RollupWriter"/> forgets every known row when a flush fails).
    /// </summary>
    public KnownCell Plus(RollupCell cell, long stamp)
    {
        cell.AddTo(Sketch);
        return new(cell.Partition, BucketMath.Combine(Fields, cell.Bucket, Fields.StartMs), Increase + cell.Increase, Sketch, stamp);
    }
}
