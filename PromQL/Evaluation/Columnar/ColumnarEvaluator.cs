using PerfMonitor.PromQL.Evaluation.Functions;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Columnar;

/// <summary>
/// Evaluates the nodes that dominate a range query's cost series by series over all steps at once, instead of step
/// by step: instant selectors, functions of one range selector (rate, *_over_time, ...) and the aggregations that
/// keep no member list (sum, avg, min, max, count, group, stddev, stdvar) over such nodes. A series' window slides
/// forward through its columns, and an aggregation folds each series' column into its group's without an
/// intermediate vector per step. The arithmetic is the step-by-step one, so the answers are the same; nodes it does
/// not cover (and whose labels could collide) are left to the step-by-step evaluator.
/// </summary>
internal sealed class ColumnarEvaluator(Evaluator evaluator, SelectorData data, EngineOptions options, CancellationToken cancellationToken)
{
    private readonly Dictionary<Expr, SeriesColumns> materialized = new(ReferenceEqualityComparer.Instance);

    private QueryRange Range => evaluator.Range;

    /// <summary>Whether <paramref name="expr"/> is evaluated here, for all steps of a range query.</summary>
    public bool Covers(Expr expr) => !Range.IsInstant && Kind(Unwrap(expr)) is not null;

    /// <summary>The node's value at one step of a range query, from its columns computed at the first step asked.</summary>
    public bool TryAt(Expr expr, long time, out StepValue value)
    {
        value = null!;
        if (Range.IsInstant || Kind(expr) is null)
        {
            return false;
        }
        if (!materialized.TryGetValue(expr, out var columns))
        {
            columns = new SeriesColumns();
            Visit(expr, columns.Add);
            materialized[expr] = columns;
        }
        value = new VectorValue(columns.At((int)((time - Range.StartMs) / Range.StepMs)));
        return true;
    }

    /// <summary>Visits every output series of a covered node.</summary>
    public void Visit(Expr expr, ColumnVisitor visitor)
    {
        expr = Unwrap(expr);
        switch (Kind(expr))
        {
            case VectorSelector selector:
                new SelectorColumns(evaluator, data, Range, cancellationToken).Instant(selector, options.LookbackDeltaMs, visitor);
                break;
            case RangeFunctionSpec spec:
                var call = (CallExpr)expr;
                var parameters = ParameterColumn(call, spec);
                var matrix = (MatrixSelector)Unwrap(call.Arguments[spec.RangeArgument]);
                new SelectorColumns(evaluator, data, Range, cancellationToken).Function(matrix, spec, parameters, visitor);
                break;
            case AggregateExpr aggregate:
                AggregateColumns.Visit(this, aggregate, Range.StepCount, visitor);
                break;
            default:
                throw new InvalidOperationException($"{expr.GetType().Name} is not evaluated by columns");
        }
    }

    /// <summary>The node itself when covered (an instant selector, an aggregation), or its function's spec; null when not covered.</summary>
    private object? Kind(Expr expr) => expr switch
    {
        VectorSelector selector => selector,
        CallExpr call when FunctionTable.Get(call.Function.Name).Window is { } spec
            && Unwrap(call.Arguments[spec.RangeArgument]) is MatrixSelector matrix
            && (spec.KeepName || data.For(matrix.Selector).NamelessUnique) => spec,
        AggregateExpr aggregate when AggregateColumns.Supports(aggregate.Op) && aggregate.Parameter is null && Kind(Unwrap(aggregate.Argument)) is not null => aggregate,
        _ => null,
    };

    /// <summary>A function's scalar parameter (quantile_over_time's q) at every step.</summary>
    private double[] ParameterColumn(CallExpr call, RangeFunctionSpec spec)
    {
        var values = new double[Range.StepCount];
        if (spec.ParameterArgument >= 0)
        {
            for (var step = 0; step < values.Length; step++)
            {
                values[step] = evaluator.EvalScalar(call.Arguments[spec.ParameterArgument], Range.TimeAt(step));
            }
        }
        return values;
    }

    private static Expr Unwrap(Expr expr)
    {
        while (expr is ParenExpr paren)
        {
            expr = paren.Inner;
        }
        return expr;
    }
}
