using PerfMonitor.LoadGen.Charts;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace PerfMonitor.LoadGen.Query;

/// <summary>
/// The comparison as one PNG: a panel per range, a pair of bars per query (PerfMonitor, Prometheus) at the median
/// latency on a log scale, the p95 as a black dash above it; a query whose answers differ is marked with an x.
/// </summary>
public static class QueryChart
{
    private const int PanelHeight = 500;
    private const int LabelLine = 18;
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
        ChartFormat.Labels(plot, $"{range} range: {report.Series:N0} series, {report.ScrapeIntervalSeconds:0}s scrape, median of {report.Repetitions} (dash: p95)", "", "ms (log scale)");
        var bars = new List<Bar>();
        for (var i = 0; i < queries.Count; i++)
        {
            bars.Add(new Bar { Position = (i * 3) + 0.5, Value = Log(queries[i].PerfMonitor.MedianMs), FillColor = PerfMonitorColor });
            bars.Add(new Bar { Position = (i * 3) + 1.5, Value = Log(queries[i].Prometheus.MedianMs), FillColor = PrometheusColor });
        }
        plot.Add.Bars(bars);
        for (var i = 0; i < queries.Count; i++)
        {
            P95(plot, (i * 3) + 0.5, queries[i].PerfMonitor);
            P95(plot, (i * 3) + 1.5, queries[i].Prometheus);
        }
        plot.Axes.Bottom.TickGenerator = new NumericManual(
            [.. queries.Select((_, i) => (i * 3) + 1.0)],
            [.. queries.Select(q => $"{Wrap($"{(q.Agree ? "" : "x ")}{q.Name} ({q.Kind})")}\n{q.Ratio:0.0}x")]);
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = y => ChartFormat.Short(Math.Pow(10, y - 1)), MinorTickGenerator = new LogMinorTickGenerator() };
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "PerfMonitor (gateway, read key)", FillColor = PerfMonitorColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"Prometheus {report.PrometheusVersion}", FillColor = PrometheusColor });
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    private static void P95(Plot plot, double position, SystemTiming timing)
    {
        var p95 = plot.Add.Marker(position, Log(timing.P95Ms), MarkerShape.HorizontalBar, 24, Colors.Black);
        p95.MarkerLineWidth = 2;
    }

    /// <summary>The query's name over as many lines as it needs, so neighbouring labels do not run into each other.</summary>
    private static string Wrap(string text)
    {
        var lines = new List<string> { "" };
        foreach (var word in text.Split(' '))
        {
            if (lines[^1].Length > 0 && lines[^1].Length + word.Length >= LabelLine)
            {
                lines.Add("");
            }
            lines[^1] = lines[^1].Length == 0 ? word : $"{lines[^1]} {word}";
        }
        return string.Join('\n', lines);
    }

    /// <summary>log10 of the milliseconds, floored at 0.1 ms so a bar always starts at the axis.</summary>
    private static double Log(double ms) => double.IsFinite(ms) ? Math.Log10(Math.Max(0.1, ms)) + 1 : 0;
}
