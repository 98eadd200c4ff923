namespace PerfMonitor.LoadGen.Query;

/// <summary>
/// The fixed queries, for each range: range queries a dashboard panel would send (rate, sum by, histogram_quantile,
/// avg_over_time, topk) at a Grafana-like step, and instant queries whose window is the range itself. Rate windows
/// follow Grafana's $__rate_interval: at least four scrape intervals and at least the step.
/// </summary>
public static class QuerySet
{
    /// <summary>The step Grafana picks for a panel about 1,000 pixels wide, rounded to a whole minute and to the rollups' widths.</summary>
    public static TimeSpan StepFor(TimeSpan range) => range switch
    {
        _ when range <= TimeSpan.FromHours(1) => TimeSpan.FromMinutes(1),
        _ when range <= TimeSpan.FromHours(24) => TimeSpan.FromMinutes(5),
        _ => TimeSpan.FromHours(1),
    };

    public static IReadOnlyList<QuerySpec> For(HistoryClock clock, QueryOptions options)
    {
        var queries = new List<QuerySpec>();
        var end = clock.EvaluationTime;
        foreach (var range in options.RangesWithin)
        {
            var label = Duration(range);
            var step = StepFor(range);
            var window = Duration(TimeSpan.FromTicks(Math.Max(step.Ticks, options.ScrapeInterval.Ticks * 4)));
            var start = end - range;
            QuerySpec Range(string name, string expr) => new(name, label, expr, start, end, step);
            QuerySpec Instant(string name, string expr) => new(name, label, expr, end, end, null);
            queries.Add(Range("sum by (job) (rate)", $"sum by (job) (rate({QuerySeriesLayout.Requests}[{window}]))"));
            queries.Add(Range("rate, every series", $"rate({QuerySeriesLayout.Requests}{{job=\"job0\"}}[{window}])"));
            queries.Add(Range("histogram_quantile 0.95 by job", $"histogram_quantile(0.95, sum by (job, le) (rate({QuerySeriesLayout.Duration}_bucket[{window}])))"));
            queries.Add(Range("avg by (job) (avg_over_time)", $"avg by (job) (avg_over_time({QuerySeriesLayout.Memory}[{window}]))"));
            queries.Add(Range("topk 5 instances by rate", $"topk(5, sum by (instance) (rate({QuerySeriesLayout.Requests}[{window}])))"));
            queries.Add(Instant("sum by (job) (increase)", $"sum by (job) (increase({QuerySeriesLayout.Requests}[{label}]))"));
            queries.Add(Instant("histogram_quantile 0.99", $"histogram_quantile(0.99, sum by (le) (rate({QuerySeriesLayout.Duration}_bucket[{label}])))"));
            queries.Add(Instant("topk 10 avg_over_time", $"topk(10, avg_over_time({QuerySeriesLayout.Cpu}[{label}]))"));
        }
        return queries;
    }

    /// <summary>A PromQL duration: 7d, 24h, 5m, 90s.</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        _ when span.Ticks % TimeSpan.TicksPerDay == 0 && span >= TimeSpan.FromDays(7) => $"{(long)span.TotalDays}d",
        _ when span.Ticks % TimeSpan.TicksPerHour == 0 => $"{(long)span.TotalHours}h",
        _ when span.Ticks % TimeSpan.TicksPerMinute == 0 => $"{(long)span.TotalMinutes}m",
        _ => $"{(long)span.TotalSeconds}s",
    };
}
