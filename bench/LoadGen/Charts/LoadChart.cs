using ScottPlot;

namespace PerfMonitor.LoadGen.Charts;

/// <summary>
/// A mixed-workload run (load, soak or faults) as one PNG: above, the accepted and the visible rate (samples/s, left
/// axis) with analytics' lag (records, right axis) and each fault marked where it was injected; below, each
/// service's resident memory.
/// </summary>
public static class LoadChart
{
    private const int Height = 900;
    private static readonly Color FaultMark = Colors.Red;

    public static void Write(string path, LoadReport report)
    {
        Draw(report).SavePng(path, ChartFormat.Width, Height);
    }

    /// <summary>Rates and lag above, memory below.</summary>
    public static Multiplot Draw(LoadReport report) => ChartFormat.Stack([Rates(report), Memory(report)]);

    private static Plot Rates(LoadReport report)
    {
        var plot = new Plot();
        ChartFormat.Labels(plot, $"PerfMonitor {report.Mode} run {report.RunId}: {report.AcceptedPerSecond:N0} samples/s accepted, " +
            $"{report.VisiblePerSecond:N0} visible, lost {report.Lost:N0}, duplicated {report.Duplicated:N0}", "seconds since the load started", "samples/s");
        var timeline = report.Timeline;
        ChartFormat.Line(plot, timeline.Select(p => (p.Seconds, p.AcceptedPerSecond)), ChartFormat.Accepted, "accepted (202 / gRPC OK)", LinePattern.Solid);
        ChartFormat.Line(plot, timeline.Select(p => (p.Seconds, p.VisiblePerSecond)), ChartFormat.Visible, "visible (counted in the minute rollups)", LinePattern.Dashed);
        var lag = ChartFormat.Line(plot, timeline.Select(p => (p.Seconds, p.Lag < 0 ? double.NaN : p.Lag)), ChartFormat.Lag, "analytics lag (right axis)", LinePattern.Solid, 1);
        ChartFormat.OnRightAxis(plot, lag, "analytics lag (Kafka records)");
        var top = timeline.Select(p => Math.Max(p.AcceptedPerSecond, double.IsFinite(p.VisiblePerSecond) ? p.VisiblePerSecond : 0)).DefaultIfEmpty(1).Max() * 1.2;
        foreach (var fault in report.Faults)
        {
            var mark = plot.Add.VerticalLine(fault.AtSeconds, 1.5f, FaultMark, LinePattern.Dashed);
            mark.Text = fault.Fault;
            mark.LabelOppositeAxis = true;
            mark.LabelFontSize = 11;
        }
        plot.Axes.SetLimitsY(0, Math.Max(1, top), plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1, timeline.Select(p => (double)p.Lag).DefaultIfEmpty(1).Max() * 1.2), plot.Axes.Right);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot Memory(LoadReport report)
    {
        var plot = new Plot();
        ChartFormat.Labels(plot, "resident memory per service", "seconds since the load started", "MiB");
        var services = report.Timeline.SelectMany(p => p.MemoryMiB.Keys).Distinct().Order(StringComparer.Ordinal);
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var service in services)
        {
            ChartFormat.Line(plot, report.Timeline.Select(p => (p.Seconds, p.MemoryMiB.GetValueOrDefault(service, double.NaN))),
                palette.GetColor(index++), service, LinePattern.Solid);
        }
        plot.Axes.SetLimitsY(0, Math.Max(1, report.Timeline.SelectMany(p => p.MemoryMiB.Values).DefaultIfEmpty(1).Max() * 1.2));
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}
