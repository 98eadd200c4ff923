using PerfMonitor.LoadGen.Charts;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace PerfMonitor.LoadGen.Query;

/// <summary>
/// The comparison as one PNG: a panel per range, a pair of bars per query (PerfMonitor, Prometheus) at the median
/// latency on a log scale, with the p95 as a whisker; a query whose answers differ is marked with an x.
/// </summary>
public static class QueryChart
{
    private const int PanelHeight = 460;
    private static readonly Color PerfMonitorColor = Colors.Blue;
    private static readonly Color PrometheusColor = Colors.DarkOrange;

    public static void Write(string path, QueryReport report)
    {
        var ranges = report.Queries.Select(q => q.Range).Distinct().ToList();
        var panels = ranges.Select(range => Panel(report, range, [.. report.Queries.Where(q => q.Range == range)])).ToList();
        ChartFormat.Stack(panels).SavePng(path, ChartFormat.Width, PanelHeight * Math.Max(1, panels.Count));
    }

    private static Plot Panel(QueryReport report, string range, IReadOnlyList<QueryResult> queries)
    {
        var plot = new Plot();
        ChartFormat.Labels(plot, $"{range} range: {report.Series:N0} series, {report.ScrapeIntervalSeconds:0}s scrape, median of {report.Repetitions} (whisker p95)", "", "ms (log scale)");
        var bars = new List<Bar>();
        for (var i = 0; i < queries.Count; i++)
        {
            bars.Add(Bar((i * 3) + 0.5, queries[i].PerfMonitor, PerfMonitorColor));
            bars.Add(Bar((i * 3) + 1.5, queries[i].Prometheus, PrometheusColor));
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new NumericManual(
            [.. queries.Select((_, i) => (i * 3) + 1.0)],
            [.. queries.Select(q => $"{(q.Agree ? "" : "x ")}{q.Name} ({q.Kind})\n{q.Ratio:0.0}x")]);
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = y => ChartFormat.Short(Math.Pow(10, y - 1)), MinorTickGenerator = new LogMinorTickGenerator() };
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "PerfMonitor (gateway, read key)", FillColor = PerfMonitorColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"Prometheus {report.PrometheusVersion}", FillColor = PrometheusColor });
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    private static Bar Bar(double position, SystemTiming timing, Color color)
    {
        var median = Log(timing.MedianMs);
        return new Bar { Position = position, Value = median, Error = Math.Max(0, Log(timing.P95Ms) - median), FillColor = color };
    }

    /// <summary>log10 of the milliseconds, floored at 0.1 ms so a bar always starts at the axis.</summary>
    private static double Log(double ms) => double.IsFinite(ms) ? Math.Log10(Math.Max(0.1, ms)) + 1 : 0;
}
