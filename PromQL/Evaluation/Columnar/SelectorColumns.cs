using PerfMonitor.PromQL.Evaluation.Functions;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Columnar;

/// <summary>A selector's series over all steps: each series' window slides forward through its columns step by step.</summary>
internal sealed class SelectorColumns(Evaluator evaluator, SelectorData data, QueryRange range, CancellationToken cancellationToken)
{
    private delegate bool WindowValue(LoadedSeries series, int step, int start, int end, long from, long to, out double value);

    /// <summary>An instant selector: each series' latest sample within the lookback window at every step.</summary>
    public void Instant(VectorSelector selector, long lookbackMs, ColumnVisitor visitor) =>
        Walk(selector, lookbackMs, Latest, keepName: true, visitor);

    /// <summary>A function of a range selector: the function of each series' window at every step.</summary>
    public void Function(MatrixSelector matrix, RangeFunctionSpec spec, double[] parameters, ColumnVisitor visitor) =>
        Walk(matrix.Selector, matrix.RangeMs, (LoadedSeries s, int step, int start, int end, long from, long to, out double value) =>
            spec.Function(new SeriesWindow(s, start, end, from, to), parameters[step], out value), spec.KeepName, visitor);

    private static bool Latest(LoadedSeries series, int step, int start, int end, long from, long to, out double value)
    {
        value = series.Points.Last[end - 1];
        return true;
    }

    private void Walk(VectorSelector selector, long rangeMs, WindowValue evaluate, bool keepName, ColumnVisitor visitor)
    {
        var steps = range.StepCount;
        var (values, present, times) = (new double[steps], new bool[steps], new long[steps]);
        for (var step = 0; step < steps; step++)
        {
            times[step] = evaluator.SelectorTime(selector, range.TimeAt(step));
        }
        foreach (var series in data.For(selector).Series)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (start, end) = (0, 0);
            for (var step = 0; step < steps; step++)
            {
                var (from, to) = (times[step] - rangeMs, times[step]);
                SelectorSeries.Move(series.Points, ref start, ref end, from, to, forward: step > 0 && times[step] >= times[step - 1]);
                present[step] = end > start && evaluate(series, step, start, end, from, to, out values[step]);
            }
            visitor(keepName ? series.Labels : series.LabelsWithoutName, values, present);
        }
    }
}
