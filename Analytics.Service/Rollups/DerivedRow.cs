using PerfMonitor.Analytics.Sketches;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// An hour or five minutes of one series, accumulated from its minute rows in time order with the PromQL library's
/// <see cref="BucketMath.Merge"/>, the same math the query engine's buckets are built with.
/// </summary>
public sealed class DerivedRow(long seriesId, DateTime bucket)
{
    private Bucket fields = PromQL.Storage.Bucket.Empty((long)(bucket - DateTime.UnixEpoch).TotalMilliseconds);

    public long SeriesId { get; } = seriesId;

    public DateTime Bucket { get; } = bucket;

    public Bucket Fields => fields;

    public long Count => fields.Count;

    /// <summary>The rollups API's counter increase: the sum of the minutes' increases.</summary>
    public double Increase { get; private set; }

    public DDSketch Sketch { get; } = new();

    /// <summary>Adds the next minute; minutes come in time order.</summary>
    public void Add(MinuteRow minute) => Add(minute.Fields, minute.Increase, minute.Sketch);

    /// <summary>Adds the next narrower derived row: an hour merges its twelve five-minute rows rather than sixty minute sketches.</summary>
    public void Add(DerivedRow row) => Add(row.Fields, row.Increase, row.Sketch);

    private void Add(in Bucket later, double increase, DDSketch? sketch)
    {
        fields = BucketMath.Merge(fields, later, fields.StartMs);
        Increase += increase;
        if (sketch is not null)
        {
            Sketch.Merge(sketch);
        }
    }

    /// <summary>The row as it is copied, its sketch encoded: a series' rows are kept only in this form once it is done.</summary>
    public StoredRow ToStored() => new(SeriesId, Bucket, fields, Increase, Sketch.Serialize());
}
