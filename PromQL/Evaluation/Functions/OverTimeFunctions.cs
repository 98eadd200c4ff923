using System.Buffers;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>
/// The *_over_time family. Over buckets: count and sum add up, avg is their ratio, min and max combine, last is
/// the last bucket's last sample, quantile merges the buckets' sketches.
/// </summary>
internal static class OverTimeFunctions
{
    public static bool Count(in SeriesWindow w, double _, out double value)
    {
        value = w.SampleCount();
        return true;
    }

    public static bool Sum(in SeriesWindow w, double _, out double value)
    {
        value = w.Sum();
        return true;
    }

    public static bool Avg(in SeriesWindow w, double _, out double value)
    {
        value = w.Sum() / w.SampleCount();
        return true;
    }

    public static bool Min(in SeriesWindow w, double _, out double value)
    {
        value = w.Points.MinAt(w.Start);
        for (var i = w.Start + 1; i < w.End; i++)
        {
            var candidate = w.Points.MinAt(i);
            value = candidate < value || double.IsNaN(value) ? candidate : value;
        }
        return true;
    }

    public static bool Max(in SeriesWindow w, double _, out double value)
    {
        value = w.Points.MaxAt(w.Start);
        for (var i = w.Start + 1; i < w.End; i++)
        {
            var candidate = w.Points.MaxAt(i);
            value = candidate > value || double.IsNaN(value) ? candidate : value;
        }
        return true;
    }

    public static bool Last(in SeriesWindow w, double _, out double value)
    {
        value = w.Points.Last[w.End - 1];
        return true;
    }

    public static bool Present(in SeriesWindow w, double _, out double value)
    {
        value = 1;
        return true;
    }

    public static bool Quantile(in SeriesWindow w, double q, out double value)
    {
        var p = w.Points;
        if (!p.IsRaw)
        {
            var sketch = p.SketchAt(w.Start);
            for (var i = w.Start + 1; i < w.End; i++)
            {
                sketch = sketch.MergedWith(p.SketchAt(i));
            }
            value = Quantiles.OfSketch(q, sketch);
            return true;
        }
        var count = w.End - w.Start;
        var buffer = ArrayPool<double>.Shared.Rent(count);
        try
        {
            Array.Copy(p.Last, w.Start, buffer, 0, count);
            value = Quantiles.OfValues(q, buffer.AsSpan(0, count));
            return true;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }
}
