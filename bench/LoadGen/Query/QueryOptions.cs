namespace PerfMonitor.LoadGen.Query;

/// <summary>The query-latency benchmark's shape: how much history, how dense, how often each query is timed, how close the answers must be.</summary>
public sealed record QueryOptions
{
    /// <summary>How far apart a series' samples are, as a scrape interval; a whole number of seconds dividing an hour.</summary>
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How far back the history reaches from the (hour-aligned) evaluation time; whole hours.</summary>
    public TimeSpan History { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Times each query is run against each system; the medians and p95s are over these.</summary>
    public int Repetitions { get; init; } = 5;

    /// <summary>Relative difference allowed between the two systems' values at one point.</summary>
    public double Tolerance { get; init; } = 0.01;

    /// <summary>The ranges asked for; those longer than <see cref="History"/> are left out.</summary>
    public IReadOnlyList<TimeSpan> Ranges { get; init; } = [TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromDays(7)];

    public IReadOnlyList<TimeSpan> RangesWithin => [.. Ranges.Where(r => r <= History)];

    public IReadOnlyList<string> Validate(int series)
    {
        var problems = new List<string>();
        if (series <= 0 || series % QuerySeriesLayout.SeriesPerTarget != 0)
        {
            problems.Add($"--series must be a positive multiple of {QuerySeriesLayout.SeriesPerTarget} for the query workload (one target's counters, gauges and histogram)");
        }
        if (ScrapeInterval < TimeSpan.FromSeconds(1) || TimeSpan.FromHours(1).Ticks % ScrapeInterval.Ticks != 0 || ScrapeInterval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            problems.Add("--scrape-interval must be whole seconds dividing an hour (15s, 60s, 300s)");
        }
        if (History < TimeSpan.FromHours(1) || History.Ticks % TimeSpan.TicksPerHour != 0)
        {
            problems.Add("--history must be whole hours, at least 1h");
        }
        if (Repetitions < 1)
        {
            problems.Add("--repeat must be at least 1");
        }
        return problems;
    }
}
