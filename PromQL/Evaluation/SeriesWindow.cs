using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.PromQL.Evaluation;

/// <summary>
/// The points of one series inside a range selector's window [FromMs, ToMs] at one step: indices
/// [Start, End) of its columns, every point's last sample inside the window.
/// </summary>
internal readonly record struct SeriesWindow(LoadedSeries Series, int Start, int End, long FromMs, long ToMs)
{
    public PointColumns Points => Series.Points;

    public long RangeMs => ToMs - FromMs;

    /// <summary>Samples in the window (a bucket counts its samples).</summary>
    public long SampleCount()
    {
        if (Points.IsRaw)
        {
            return End - Start;
        }
        long count = 0;
        foreach (var c in Points.CountsOf(Start, End))
        {
            count += c;
        }
        return count;
    }

    /// <summary>The sum of the samples in the window.</summary>
    public double Sum()
    {
        double sum = 0;
        foreach (var s in Points.SumsOf(Start, End))
        {
            sum += s;
        }
        return sum;
    }
}
