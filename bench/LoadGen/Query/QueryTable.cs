using System.Text;

namespace PerfMonitor.LoadGen.Query;

/// <summary>The comparison as a console (and Markdown) table: a row per query, medians and p95s per system, the ratio, whether the answers agree.</summary>
public static class QueryTable
{
    public static string Format(QueryReport r)
    {
        var text = new StringBuilder();
        text.AppendLine($"Query latency run {r.RunId}: {r.Series:N0} series, {r.HistoryHours / 24:0.##} days at {r.ScrapeIntervalSeconds:0}s, " +
            $"{r.SamplesGenerated:N0} samples; each query {r.Repetitions} times per system; load average {r.LoadAverageBefore:0.0} -> {r.LoadAverageAfter:0.0} on {r.ProcessorCount} cores");
        text.AppendLine($"  loaded: PerfMonitor {r.PerfMonitorSamples:N0} samples ({r.PerfMonitorFiveMinuteRows:N0} 5m rows, {r.PerfMonitorHourRows:N0} 1h rows) in {r.PerfMonitorLoadSeconds:0}s; " +
            $"Prometheus {r.PrometheusVersion} {r.PrometheusSamples:N0} samples in {r.PrometheusBlocks} blocks in {r.PrometheusLoadSeconds:0}s: {(r.CountsMatch ? "OK" : "MISMATCH")}");
        text.AppendLine();
        text.AppendLine("| range | kind | query | PerfMonitor median / p95 ms | Prometheus median / p95 ms | PerfMonitor / Prometheus | answers |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var q in r.Queries)
        {
            text.AppendLine($"| {q.Range} | {q.Kind}{(q.StepSeconds is { } s ? $", step {QuerySet.Duration(TimeSpan.FromSeconds(s))}" : "")} | {q.Name} | " +
                $"{Cell(q.PerfMonitor)} | {Cell(q.Prometheus)} | {q.Ratio:0.0}x | {(q.Agree ? "agree" : "DIFFER")}: {q.Agreement} |");
        }
        text.AppendLine();
        text.AppendLine($"Answers: {r.Queries.Count(q => q.Agree)} of {r.Queries.Count} queries agree within tolerance.");
        return text.ToString();
    }

    private static string Cell(SystemTiming t) => t.Errors > 0 ? $"{t.Errors} errors ({t.Error})" : $"{t.MedianMs:N0} / {t.P95Ms:N0}";
}
