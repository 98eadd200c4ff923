namespace PerfMonitor.PromQL.Evaluation;

/// <summary>
/// The series one selector loaded, with a cursor per series: a range query evaluates its steps in increasing time,
/// so each step's window starts where the previous one left off instead of searching the columns again.
/// </summary>
internal sealed class SelectorSeries
{
    private readonly int[] starts;
    private readonly int[] ends;
    private long previousFrom = long.MaxValue;
    private long previousTo = long.MaxValue;
    private bool forward;

    public SelectorSeries(List<LoadedSeries> series)
    {
        Series = series;
        starts = new int[series.Count];
        ends = new int[series.Count];
        var seen = new HashSet<Model.LabelSet>(series.Count);
        NamelessUnique = series.All(s => seen.Add(s.LabelsWithoutName));
    }

    public IReadOnlyList<LoadedSeries> Series { get; }

    /// <summary>No two series share their labels once the metric name is dropped: functions need not check for duplicates.</summary>
    public bool NamelessUnique { get; }

    /// <summary>A buffer for the windows of one step, reused at the next (a step's range vector is consumed within the step).</summary>
    public List<SeriesWindow> Windows { get; } = [];

    /// <summary>Starts a step whose windows are [from, to]: cursors move forward when both bounds did not move back.</summary>
    public void BeginStep(long from, long to)
    {
        forward = from >= previousFrom && to >= previousTo && previousTo != long.MaxValue;
        (previousFrom, previousTo) = (from, to);
    }

    /// <summary>Series <paramref name="i"/>'s points whose last sample lies in the step's [from, to]: indices [Start, End).</summary>
    public (int Start, int End) Window(int i)
    {
        var (start, end) = (starts[i], ends[i]);
        Move(Series[i].Points, ref start, ref end, previousFrom, previousTo, forward);
        (starts[i], ends[i]) = (start, end);
        return (start, end);
    }

    /// <summary>
    /// Moves [<paramref name="start"/>, <paramref name="end"/>) to the points whose last sample lies in [from, to]:
    /// forward from where it was when <paramref name="forward"/> (neither bound moved back), else by binary search.
    /// </summary>
    public static void Move(Storage.PointColumns points, ref int start, ref int end, long from, long to, bool forward)
    {
        if (!forward)
        {
            start = points.FirstIndexAtOrAfter(from);
            end = points.EndIndexAtOrBefore(to);
            return;
        }
        var times = points.LastMs;
        while (start < points.Length && times[start] < from)
        {
            start++;
        }
        if (end < start)
        {
            end = start;
        }
        while (end < points.Length && times[end] <= to)
        {
            end++;
        }
    }
}
