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
        long count = 0;
        for (var i = Start; i < End; i++)
        {
            count += Points.CountAt(i);
        }
        return count;
    }
}
