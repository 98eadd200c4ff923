namespace PerfMonitor.Analytics.Rollups;

/// <summary>One series' hour and its twelve five-minute buckets, accumulated from the same minute rows.</summary>
public sealed class SeriesHour(long seriesId, DateTime hour)
{
    public static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private readonly DerivedRow whole = new(seriesId, hour);
    private readonly DerivedRow?[] fiveMinutes = new DerivedRow?[(int)(TimeSpan.FromHours(1) / FiveMinutes)];

    public long SeriesId { get; } = seriesId;

    public void Add(MinuteRow minute)
    {
        whole.Add(minute);
        var slot = (int)((minute.Bucket - hour) / FiveMinutes);
        (fiveMinutes[slot] ??= new DerivedRow(SeriesId, hour + slot * FiveMinutes)).Add(minute);
    }

    /// <summary>Appends the hour row and the five-minute rows that had minutes, in time order.</summary>
    public void Complete(List<StoredRow> hours, List<StoredRow> fiveMinuteRows)
    {
        hours.Add(whole.ToStored());
        fiveMinuteRows.AddRange(fiveMinutes.OfType<DerivedRow>().Select(row => row.ToStored()));
    }
}
