using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Binary;

/// <summary>One binary operation on two values: arithmetic yields a value, a comparison keeps or drops the left value.</summary>
internal static class Arithmetic
{
    public static (double Value, bool Keep) Apply(BinaryOperator op, double left, double right) => op switch
    {
        BinaryOperator.Add => (left + right, true),
        BinaryOperator.Sub => (left - right, true),
        BinaryOperator.Mul => (left * right, true),
        BinaryOperator.Div => (left / right, true),
        BinaryOperator.Pow => (Math.Pow(left, right), true),
        BinaryOperator.Mod => (GoMod(left, right), true),
        BinaryOperator.Atan2 => (Math.Atan2(left, right), true),
        BinaryOperator.Eql => (left, left == right),
        BinaryOperator.Neq => (left, left != right),
        BinaryOperator.Gtr => (left, left > right),
        BinaryOperator.Lss => (left, left < right),
        BinaryOperator.Gte => (left, left >= right),
        BinaryOperator.Lte => (left, left <= right),
        _ => throw new InvalidOperationException($"operator {op.Symbol()} is not arithmetic"),
    };

    /// <summary>Between two scalars a comparison (always with bool) is 1 or 0.</summary>
    public static double Scalar(BinaryOperator op, double left, double right)
    {
        var (value, keep) = Apply(op, left, right);
        return op.IsComparison() ? (keep ? 1 : 0) : value;
    }

    // Go's math.Mod: the result has the sign of the dividend, like C#'s % on doubles.
    private static double GoMod(double left, double right) => left % right;
}
