using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Results;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation;

/// <summary>Turns step values into the query's result: the value at one time, or a matrix sorted by labels over all steps.</summary>
internal static class ResultAssembler
{
    public static QueryValue Instant(Evaluator evaluator, Expr expr, long time) => evaluator.Eval(expr, time) switch
    {
        ScalarValue s => new ScalarResult(time, s.Value),
        StringValue s => new StringResult(time, s.Value),
        VectorValue v => new VectorResult(v.Samples.Select(s => new InstantSample(s.Labels, time, s.Value)).ToList()),
        RangeValue r => new MatrixResult(r.Windows.Select(w => RawPoints(evaluator, w)).ToList()),
        var other => throw new InvalidOperationException(other.GetType().Name),
    };

    public static QueryValue Range(Evaluator evaluator, Expr expr, QueryRange range, CancellationToken cancellationToken)
    {
        if (evaluator.Columns.Covers(expr))
        {
            var columns = new List<RangeSeries>();
            evaluator.Columns.Visit(expr, (labels, values, present) =>
            {
                if (Array.IndexOf(present, true) >= 0)
                {
                    columns.Add(Columnar.SeriesColumns.ToRangeSeries(labels, values, present, range));
                }
            });
            return new MatrixResult([.. columns.OrderBy(s => s.Labels.ToString(), StringComparer.Ordinal)]);
        }
        var series = new Dictionary<LabelSet, (List<long> Times, List<double> Values)>();
        for (var step = 0; step < range.StepCount; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var time = range.TimeAt(step);
            var samples = evaluator.Eval(expr, time) switch
            {
                ScalarValue s => [new VectorSample(LabelSet.Empty, s.Value)],
                VectorValue v => v.Samples,
                var other => throw new InvalidOperationException(other.GetType().Name),
            };
            foreach (var sample in samples)
            {
                if (!series.TryGetValue(sample.Labels, out var points))
                {
                    series[sample.Labels] = points = ([], []);
                }
                points.Times.Add(time);
                points.Values.Add(sample.Value);
            }
        }
        return new MatrixResult(series
            .OrderBy(s => s.Key.ToString(), StringComparer.Ordinal)
            .Select(s => new RangeSeries(s.Key, [.. s.Value.Times], [.. s.Value.Values]))
            .ToList());
    }

    /// <summary>A range selector's own points: raw samples, or each bucket's last sample at bucket resolution.</summary>
    private static RangeSeries RawPoints(Evaluator evaluator, SeriesWindow window)
    {
        if (!window.Points.IsRaw)
        {
            evaluator.Warn("a range vector read from buckets shows the last sample of each bucket, not every sample");
        }
        return new RangeSeries(window.Series.Labels, window.Points.LastMs[window.Start..window.End], window.Points.Last[window.Start..window.End]);
    }
}
