using PerfMonitor.LoadGen.RemoteWrite;
using ScottPlot;

namespace PerfMonitor.LoadGen.Charts;

/// <summary>
/// The remote-write comparison as one PNG: a panel per system on the same time scale, each with the offered rate,
/// the accepted and the visible rate (samples/s, left axis), the samples accepted but not yet visible (right axis),
/// and every phase shaded and named: ramp steps green when they kept up and red when not, the hold blue, unpaced grey.
/// </summary>
public static class ComparisonChart
{
    private const int PanelHeight = 420;
    private static readonly Color KeptUp = Colors.Green.WithAlpha(0.10);
    private static readonly Color Missed = Colors.Red.WithAlpha(0.12);
    private static readonly Color Held = Colors.Blue.WithAlpha(0.10);
    private static readonly Color Unpaced = Colors.Gray.WithAlpha(0.15);

    public static void Write(string path, ComparisonReport report)
    {
        Draw(report).SavePng(path, ChartFormat.Width, PanelHeight * report.Systems.Count);
    }

    /// <summary>A panel per system, in the report's order.</summary>
    public static Multiplot Draw(ComparisonReport report)
    {
        var seconds = report.Systems.SelectMany(s => s.Timeline).Select(t => t.Seconds).DefaultIfEmpty(1).Max();
        return ChartFormat.Stack([.. report.Systems.Select(system => Panel(system, seconds))]);
    }

    private static Plot Panel(SystemResult system, double seconds)
    {
        var plot = new Plot();
        var best = system.BestSustainedPerSecond > 0 ? $"{ChartFormat.Short(system.BestSustainedPerSecond)} samples/s{(system.TopStepKeptUp ? " (every step)" : "")}" : "no step kept up";
        ChartFormat.Labels(plot, $"{system.Name} ({system.Version}): best sustained {best}",
            "seconds since the first request to this system", "samples/s");
        var top = system.Timeline.Select(t => Math.Max(t.TargetPerSecond, Math.Max(t.AcceptedPerSecond, t.VisiblePerSecond))).DefaultIfEmpty(1).Max() * 1.25;
        foreach (var phase in system.Phases)
        {
            Shade(plot, phase, top);
        }
        var ticks = system.Timeline;
        ChartFormat.Line(plot, ticks.Select(t => (t.Seconds, t.TargetPerSecond)), ChartFormat.Target, "offered (paced target)", LinePattern.Dotted, 1.5f);
        ChartFormat.Line(plot, ticks.Select(t => (t.Seconds, t.AcceptedPerSecond)), ChartFormat.Accepted, "accepted (2xx)", LinePattern.Solid);
        ChartFormat.Line(plot, ticks.Select(t => (t.Seconds, t.VisiblePerSecond)), ChartFormat.Visible, $"visible ({Short(system.VisibleSource)})", LinePattern.Dashed);
        var lag = ChartFormat.Line(plot, ticks.Select(t => (t.Seconds, (double)t.NotYetVisible)), ChartFormat.Lag, "lag: accepted, not yet visible (right axis)", LinePattern.Solid, 1);
        ChartFormat.OnRightAxis(plot, lag, "lag (samples)");
        plot.Axes.SetLimitsX(0, seconds);
        plot.Axes.SetLimitsY(0, top, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1, ticks.Select(t => (double)t.NotYetVisible).DefaultIfEmpty(1).Max() * 1.25), plot.Axes.Right);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>The phase's sending time shaded, its name written at the top.</summary>
    private static void Shade(Plot plot, PhaseResult phase, double top)
    {
        var color = phase.Kind switch
        {
            PhaseKind.Hold => Held,
            PhaseKind.Unpaced => Unpaced,
            _ => phase.KeptUp ? KeptUp : Missed,
        };
        var span = plot.Add.HorizontalSpan(phase.StartSeconds, phase.StartSeconds + phase.SendSeconds, color);
        span.LineWidth = 0;
        var name = phase.Kind switch
        {
            PhaseKind.Hold => $"hold {ChartFormat.Short(phase.TargetPerSecond)}",
            PhaseKind.Unpaced => "unpaced",
            _ => $"{ChartFormat.Short(phase.TargetPerSecond)}{(phase.KeptUp ? "" : " x")}",
        };
        var text = plot.Add.Text(name, phase.StartSeconds + (phase.SendSeconds / 2), top * 0.97);
        text.LabelFontSize = 11;
        text.Alignment = Alignment.UpperCenter;
    }

    private static string Short(string source) => source.Split(';')[0];
}
