using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Binary;

/// <summary>Binary expressions at one step: scalar/scalar, vector/scalar either way, and vector/vector with matching.</summary>
internal static class BinaryEvaluator
{
    public static StepValue Evaluate(Evaluator evaluator, BinaryExpr binary, long time)
    {
        var left = evaluator.Eval(binary.Left, time);
        var right = evaluator.Eval(binary.Right, time);
        return (left, right) switch
        {
            (ScalarValue l, ScalarValue r) => new ScalarValue(Arithmetic.Scalar(binary.Op, l.Value, r.Value)),
            (VectorValue l, ScalarValue r) => VectorScalar(evaluator, binary, l.Samples, r.Value, swap: false),
            (ScalarValue l, VectorValue r) => VectorScalar(evaluator, binary, r.Samples, l.Value, swap: true),
            (VectorValue l, VectorValue r) when binary.Op.IsSetOperator() => SetOperations.Apply(evaluator, binary, l.Samples, r.Samples),
            (VectorValue l, VectorValue r) => VectorMatcher.Apply(evaluator, binary, l.Samples, r.Samples),
            _ => throw new InvalidOperationException("binary operands must be scalars or instant vectors"),
        };
    }

    /// <summary>
    /// A vector against a scalar (<paramref name="swap"/> when the scalar is on the left). A comparison keeps the
    /// vector's value; arithmetic and <c>bool</c> drop the metric name.
    /// </summary>
    private static StepValue VectorScalar(Evaluator evaluator, BinaryExpr binary, List<VectorSample> samples, double scalar, bool swap)
    {
        var result = new List<VectorSample>(samples.Count);
        foreach (var sample in samples)
        {
            var (left, right) = swap ? (scalar, sample.Value) : (sample.Value, scalar);
            var (value, keep) = Arithmetic.Apply(binary.Op, left, right);
            if (binary.Op.IsComparison() && swap)
            {
                value = right;
            }
            if (binary.ReturnBool)
            {
                (value, keep) = (keep ? 1 : 0, true);
            }
            if (keep)
            {
                var labels = binary.Op.DropsMetricName() || binary.ReturnBool ? evaluator.Labels.WithoutName(sample.Labels) : sample.Labels;
                result.Add(new VectorSample(labels, value));
            }
        }
        return new VectorValue(DuplicateCheck.Ensure(result));
    }
}
