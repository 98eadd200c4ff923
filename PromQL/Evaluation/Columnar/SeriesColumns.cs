using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Results;

namespace PerfMonitor.PromQL.Evaluation.Columnar;

/// <summary>A node's output over all steps of a range query, kept for the steps to read one at a time.</summary>
internal sealed class SeriesColumns
{
    private readonly List<(LabelSet Labels, double[] Values, bool[] Present)> series = [];

    /// <summary>Keeps a copy of a visited series, if it has a value at any step.</summary>
    public void Add(LabelSet labels, double[] values, bool[] present)
    {
        if (Array.IndexOf(present, true) >= 0)
        {
            series.Add((labels, (double[])values.Clone(), (bool[])present.Clone()));
        }
    }

    /// <summary>The instant vector at one step.</summary>
    public List<VectorSample> At(int step)
    {
        var samples = new List<VectorSample>(series.Count);
        foreach (var (labels, values, present) in series)
        {
            if (present[step])
            {
                samples.Add(new VectorSample(labels, values[step]));
            }
        }
        return samples;
    }

    /// <summary>One series of a range query's matrix: the steps at which it has a value.</summary>
    public static RangeSeries ToRangeSeries(LabelSet labels, double[] values, bool[] present, QueryRange range)
    {
        var count = present.Count(p => p);
        var (times, kept) = (new long[count], new double[count]);
        for (int step = 0, i = 0; step < present.Length; step++)
        {
            if (present[step])
            {
                (times[i], kept[i]) = (range.TimeAt(step), values[step]);
                i++;
            }
        }
        return new RangeSeries(labels, times, kept);
    }
}
