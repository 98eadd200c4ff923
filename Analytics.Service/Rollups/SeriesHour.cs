namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// One series' hour and its twelve five-minute buckets: minutes go into their five-minute bucket, and the hour is the
/// merge of the five-minute buckets, which costs a fifth of the sketch merges of adding every minute twice.
/// </summary>
public sealed class SeriesHour(long seriesId, DateTime hour)
{
    public static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private readonly DerivedRow whole = new(seriesId, hour);
    private readonly DerivedRow?[] fiveMinutes = new DerivedRow?[(int)(TimeSpan.FromHours(1) / FiveMinutes)];

    public long SeriesId { get; } = seriesId;

    public void Add(MinuteRow minute)
    {
        var slot = (int)((minute.Bucket - hour) / FiveMinutes);
        (fiveMinutes[slot] ??= new DerivedRow(SeriesId, hour + slot * FiveMinutes)).Add(minute);
    }

    /// <summary>Appends the hour row and the five-minute rows that had minutes, in time order.</summary>
    public void Complete(List<StoredRow> hours, List<StoredRow> fiveMinuteRows)
    {
        foreach (var row in fiveMinutes.OfType<DerivedRow>())
        {
            whole.Add(row);
            fiveMinuteRows.Add(row.ToStored());
        }
        hours.Add(whole.ToStored());
    }
}
