using PerfMonitor.PromQL.Evaluation.Aggregations;
using PerfMonitor.PromQL.Evaluation.Binary;
using PerfMonitor.PromQL.Evaluation.Functions;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation;

/// <summary>Evaluates an expression at one step from the loaded selector data, node by node, as Prometheus's engine does.</summary>
internal sealed class Evaluator(SelectorData data, QueryRange range, EngineOptions options)
{
    public QueryRange Range { get; } = range;

    public LabelCache Labels { get; } = new();

    public void Warn(string warning) => data.Warnings.Add(warning);

    public StepValue Eval(Expr expr, long time) => expr switch
    {
        NumberLiteral n => new ScalarValue(n.Value),
        StringLiteral s => new StringValue(s.Value),
        ParenExpr p => Eval(p.Inner, time),
        NegateExpr n => Negate(n, time),
        VectorSelector v => new VectorValue(Instant(v, time)),
        MatrixSelector m => new RangeValue(Windows(m, time)),
        CallExpr c => FunctionTable.Get(c.Function.Name).Body(new FunctionCall(this, c, time)),
        AggregateExpr a => Aggregator.Evaluate(this, a, time),
        BinaryExpr b => BinaryEvaluator.Evaluate(this, b, time),
        _ => throw new InvalidOperationException($"cannot evaluate {expr.GetType().Name}"),
    };

    public List<VectorSample> EvalVector(Expr expr, long time) => ((VectorValue)Eval(expr, time)).Samples;

    public double EvalScalar(Expr expr, long time) => ((ScalarValue)Eval(expr, time)).Value;

    /// <summary>The latest sample of each series within the lookback window before the selector's time.</summary>
    private List<VectorSample> Instant(VectorSelector selector, long time)
    {
        var at = SelectorTime(selector, time);
        var series = data.For(selector);
        var result = new List<VectorSample>(series.Count);
        foreach (var s in series)
        {
            var end = s.Points.EndIndexAtOrBefore(at);
            if (end > 0 && s.Points.LastMs[end - 1] >= at - options.LookbackDeltaMs)
            {
                result.Add(new VectorSample(s.Labels, s.Points.Last[end - 1]));
            }
        }
        return result;
    }

    private List<SeriesWindow> Windows(MatrixSelector matrix, long time)
    {
        var to = SelectorTime(matrix.Selector, time);
        var from = to - matrix.RangeMs;
        var series = data.For(matrix.Selector);
        var result = new List<SeriesWindow>(series.Count);
        foreach (var s in series)
        {
            var start = s.Points.FirstIndexAtOrAfter(from);
            var end = s.Points.EndIndexAtOrBefore(to);
            if (end > start)
            {
                result.Add(new SeriesWindow(s, start, end, from, to));
            }
        }
        return result;
    }

    private long SelectorTime(VectorSelector selector, long time) =>
        (selector.At?.Resolve(Range.StartMs, Range.EndMs) ?? time) - selector.OffsetMs;

    private StepValue Negate(NegateExpr negate, long time)
    {
        var operand = Eval(negate.Operand, time);
        if (operand is ScalarValue scalar)
        {
            return new ScalarValue(-scalar.Value);
        }
        var samples = ((VectorValue)operand).Samples;
        var result = new List<VectorSample>(samples.Count);
        foreach (var sample in samples)
        {
            result.Add(new VectorSample(Labels.WithoutName(sample.Labels), -sample.Value));
        }
        return new VectorValue(DuplicateCheck.Ensure(result));
    }
}
