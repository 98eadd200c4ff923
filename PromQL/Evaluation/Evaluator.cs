using PerfMonitor.PromQL.Evaluation.Aggregations;
using PerfMonitor.PromQL.Evaluation.Binary;
using PerfMonitor.PromQL.Evaluation.Functions;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation;

/// <summary>Evaluates an expression at one step from the loaded selector data, node by node, as Prometheus's engine does.</summary>
internal sealed class Evaluator
{
    private readonly SelectorData data;
    private readonly EngineOptions options;

    public Evaluator(SelectorData data, QueryRange range, EngineOptions options, CancellationToken cancellationToken = default)
    {
        this.data = data;
        this.options = options;
        Range = range;
        Columns = new Columnar.ColumnarEvaluator(this, data, options, cancellationToken);
    }

    public QueryRange Range { get; }

    /// <summary>The nodes a range query evaluates for all steps at once.</summary>
    public Columnar.ColumnarEvaluator Columns { get; }

    public LabelCache Labels { get; } = new();

    public void Warn(string warning) => data.Warnings.Add(warning);

    public StepValue Eval(Expr expr, long time) => Columns.TryAt(expr, time, out var value) ? value : expr switch
    {
        NumberLiteral n => new ScalarValue(n.Value),
        StringLiteral s => new StringValue(s.Value),
        ParenExpr p => Eval(p.Inner, time),
        NegateExpr n => Negate(n, time),
        VectorSelector v => new VectorValue(Instant(v, time)),
        MatrixSelector m => Windows(m, time),
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
        var selected = data.For(selector);
        selected.BeginStep(at - options.LookbackDeltaMs, at);
        var result = new List<VectorSample>(selected.Series.Count);
        for (var i = 0; i < selected.Series.Count; i++)
        {
            var (start, end) = selected.Window(i);
            if (end > start)
            {
                var s = selected.Series[i];
                result.Add(new VectorSample(s.Labels, s.Points.Last[end - 1]));
            }
        }
        return result;
    }

    private RangeValue Windows(MatrixSelector matrix, long time)
    {
        var to = SelectorTime(matrix.Selector, time);
        var from = to - matrix.RangeMs;
        var selected = data.For(matrix.Selector);
        selected.BeginStep(from, to);
        var result = selected.Windows;
        result.Clear();
        for (var i = 0; i < selected.Series.Count; i++)
        {
            var (start, end) = selected.Window(i);
            if (end > start)
            {
                result.Add(new SeriesWindow(selected.Series[i], start, end, from, to));
            }
        }
        return new RangeValue(result, selected.NamelessUnique);
    }

    public long SelectorTime(VectorSelector selector, long time) =>
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
