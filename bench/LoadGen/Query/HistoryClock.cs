namespace PerfMonitor.LoadGen.Query;

/// <summary>
/// When the history's samples lie: the evaluation time is a whole hour at least five minutes past, so every hour of
/// history is closed for PerfMonitor's hourly rollup; the samples sit half a minute off the minute (a scrape's phase),
/// so no sample falls on a range's boundary where the two systems' inclusive and exclusive ends would differ.
/// </summary>
public sealed class HistoryClock
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(30);

    public HistoryClock(DateTimeOffset now, QueryOptions options)
    {
        var closed = now - TimeSpan.FromMinutes(5);
        EvaluationTime = new DateTimeOffset(closed.Year, closed.Month, closed.Day, closed.Hour, 0, 0, TimeSpan.Zero);
        IntervalMs = (long)options.ScrapeInterval.TotalMilliseconds;
        Steps = (long)(options.History / options.ScrapeInterval);
        FirstMs = (EvaluationTime - options.History).ToUnixTimeMilliseconds() + (long)Phase.TotalMilliseconds;
    }

    /// <summary>Instant queries are asked at this time and range queries end at it.</summary>
    public DateTimeOffset EvaluationTime { get; }

    public long FirstMs { get; }

    public long IntervalMs { get; }

    public long Steps { get; }

    public long TimeMs(long step) => FirstMs + (step * IntervalMs);

    public static double SecondsOfDay(long timeMs) => (timeMs % 86_400_000) / 1000.0;
}
