using ScottPlot;
using ScottPlot.TickGenerators;

namespace PerfMonitor.LoadGen.Charts;

/// <summary>What every LoadGen chart shares: sizes, colours, readable tick labels (50k, 1.2M), lines with a legend entry.</summary>
public static class ChartFormat
{
    public const int Width = 1400;
    public const float TitleSize = 15;
    public const float LabelSize = 13;

    public static readonly Color Accepted = Colors.Blue;
    public static readonly Color Visible = Colors.Green;
    public static readonly Color Target = Colors.Gray;
    public static readonly Color Lag = Colors.DarkOrange;

    /// <summary>Short numbers for axes: 800, 50k, 1.5M.</summary>
    public static string Short(double value) => Math.Abs(value) switch
    {
        >= 1_000_000 => $"{value / 1_000_000:0.##}M",
        >= 1_000 => $"{value / 1_000:0.##}k",
        _ => $"{value:0.##}",
    };

    public static void ShortTicks(IAxis axis) => axis.TickGenerator = new NumericAutomatic { LabelFormatter = Short };

    /// <summary>A line through the points whose value is a number (a second nobody could read leaves a gap, not a zero).</summary>
    public static ScottPlot.Plottables.Scatter? Line(Plot plot, IEnumerable<(double X, double Y)> points, Color color, string legend, LinePattern pattern, float width = 2)
    {
        var kept = points.Where(p => double.IsFinite(p.Y)).ToList();
        if (kept.Count == 0)
        {
            return null;
        }
        var line = plot.Add.ScatterLine(kept.Select(p => p.X).ToArray(), kept.Select(p => p.Y).ToArray(), color);
        line.LegendText = legend;
        line.LinePattern = pattern;
        line.LineWidth = width;
        return line;
    }

    /// <summary>A second Y axis on the right for a measure in other units (lag), with its own label.</summary>
    public static void OnRightAxis(Plot plot, ScottPlot.Plottables.Scatter? line, string label)
    {
        plot.Axes.Right.Label.Text = label;
        plot.Axes.Right.Label.FontSize = LabelSize;
        ShortTicks(plot.Axes.Right);
        if (line is not null)
        {
            line.Axes.YAxis = plot.Axes.Right;
        }
    }

    /// <summary>
    /// The panels stacked top to bottom and nothing else: ScottPlot's Multiplot starts with an empty plot of its own,
    /// which would be drawn as a blank panel above ours.
    /// </summary>
    public static Multiplot Stack(IReadOnlyList<Plot> panels)
    {
        var multiplot = new Multiplot();
        foreach (var own in multiplot.GetPlots())
        {
            multiplot.RemovePlot(own);
        }
        foreach (var panel in panels)
        {
            multiplot.AddPlot(panel);
        }
        return multiplot;
    }

    public static void Labels(Plot plot, string title, string x, string y)
    {
        plot.Title(title, TitleSize);
        plot.XLabel(x, LabelSize);
        plot.YLabel(y, LabelSize);
        ShortTicks(plot.Axes.Left);
    }
}
