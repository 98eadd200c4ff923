using PerfMonitor.Analytics.Sketches;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// A whole minute row as one flush wrote it, with that flush's stamp: while the stored stamp is still this one,
/// the row is exactly this and the next flush can overwrite it without reading it back.
/// </summary>
public sealed record KnownCell(
    int Partition, long Count, double Sum, double Min, double Max, double Last, long LastAtMs, double Increase, DDSketch Sketch, long Stamp)
{
    /// <summary>A row nobody wrote yet: the cell itself. The cell's sketch is taken over, not copied.</summary>
    public static KnownCell From(RollupCell cell, long stamp) =>
        new(cell.Partition, cell.Count, cell.Sum, cell.Min, cell.Max, cell.Last, cell.LastAtMs, cell.Increase, cell.Sketch, stamp);

    /// <summary>This row with the cell's samples added, as the additive merge in SQL would leave it. This row is not changed.</summary>
    public KnownCell Plus(RollupCell cell, long stamp)
    {
        var sketch = Sketch.Clone();
        sketch.Merge(cell.Sketch);
        var cellIsLater = cell.LastAtMs >= LastAtMs;
        return new(cell.Partition, Count + cell.Count, Sum + cell.Sum, Math.Min(Min, cell.Min), Math.Max(Max, cell.Max),
            cellIsLater ? cell.Last : Last, Math.Max(LastAtMs, cell.LastAtMs), Increase + cell.Increase, sketch, stamp);
    }
}
