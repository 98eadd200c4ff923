using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>One series' rows as they arrive: whole buckets straight into its columns, minutes kept to merge at the end.</summary>
internal sealed class SeriesRows(long id, long resolutionMs, BucketFields fields)
{
    private readonly PointColumnsBuilder builder = new(resolutionMs, fields);
    private List<Bucket>? minutes;

    public long Id { get; } = id;

    public void AddWhole(in Bucket bucket, long fromMs, long toMs)
    {
        if (bucket.LastMs >= fromMs && bucket.LastMs <= toMs)
        {
            builder.Add(bucket);
        }
    }

    public void AddMinute(in Bucket minute) => (minutes ??= []).Add(minute);

    public PointColumns Build(long fromMs, long toMs)
    {
        if (minutes is not null)
        {
            minutes.Sort(static (a, b) => a.StartMs.CompareTo(b.StartMs));
            var merged = Bucket.Empty(RollupPointsReader.Align(minutes[0].StartMs, resolutionMs));
            foreach (var minute in minutes)
            {
                var start = RollupPointsReader.Align(minute.StartMs, resolutionMs);
                if (start != merged.StartMs)
                {
                    AddWhole(merged, fromMs, toMs);
                    merged = Bucket.Empty(start);
                }
                merged = BucketMath.Merge(merged, minute, start);
            }
            AddWhole(merged, fromMs, toMs);
        }
        return builder.Build();
    }
}
