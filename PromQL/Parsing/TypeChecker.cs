using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>Prometheus's checks on a parsed expression: operand and argument types, and where modifiers may appear.</summary>
internal static class TypeChecker
{
    public static void Check(Expr expr)
    {
        switch (expr)
        {
            case AggregateExpr aggregate:
                CheckAggregate(aggregate);
                break;
            case BinaryExpr binary:
                CheckBinary(binary);
                break;
            case CallExpr call:
                CheckCall(call);
                break;
            case NegateExpr negate when negate.Operand.Type is not (ExprType.Scalar or ExprType.Vector):
                throw new SyntaxError(negate.Position,
                    $"unary expression only allowed on expressions of type scalar or instant vector, got \"{negate.Operand.Type.Documented()}\"");
        }
        foreach (var child in expr.Children)
        {
            Check(child);
        }
    }

    private static void CheckAggregate(AggregateExpr aggregate)
    {
        Expect(aggregate.Argument, ExprType.Vector, "aggregation expression");
        if (aggregate.Op is AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.Quantile)
        {
            Expect(aggregate.Parameter!, ExprType.Scalar, "aggregation parameter");
        }
        if (aggregate.Op == AggregationOp.CountValues)
        {
            Expect(aggregate.Parameter!, ExprType.String, "aggregation parameter");
        }
    }

    private static void CheckBinary(BinaryExpr binary)
    {
        var (left, right, op) = (binary.Left.Type, binary.Right.Type, binary.Op);
        if (binary.ReturnBool && !op.IsComparison())
        {
            throw new SyntaxError(binary.Position, "bool modifier can only be used on comparison operators");
        }
        if (op.IsComparison() && !binary.ReturnBool && left == ExprType.Scalar && right == ExprType.Scalar)
        {
            throw new SyntaxError(binary.Position, "comparisons between scalars must use BOOL modifier");
        }
        var matching = binary.Matching;
        if (matching.On && matching.MatchingLabels.Intersect(matching.Include).FirstOrDefault() is { } both)
        {
            throw new SyntaxError(binary.Position, $"label \"{both}\" must not occur in ON and GROUP clause at once");
        }
        if (left is not (ExprType.Scalar or ExprType.Vector))
        {
            throw new SyntaxError(binary.Left.Position, "binary expression must contain only scalar and instant vector types");
        }
        if (right is not (ExprType.Scalar or ExprType.Vector))
        {
            throw new SyntaxError(binary.Right.Position, "binary expression must contain only scalar and instant vector types");
        }
        if (!binary.IsVectorMatch && matching.MatchingLabels.Count > 0)
        {
            throw new SyntaxError(binary.Position, "vector matching only allowed between instant vectors");
        }
        if (binary.IsVectorMatch && op.IsSetOperator() && matching.Cardinality is MatchCardinality.ManyToOne or MatchCardinality.OneToMany)
        {
            throw new SyntaxError(binary.Position, $"no grouping allowed for \"{op.Symbol()}\" operation");
        }
        if ((left == ExprType.Scalar || right == ExprType.Scalar) && op.IsSetOperator())
        {
            throw new SyntaxError(binary.Position, $"set operator \"{op.Symbol()}\" not allowed in binary scalar expression");
        }
    }

    private static void CheckCall(CallExpr call)
    {
        var function = call.Function;
        var count = call.Arguments.Count;
        if (function.OptionalArguments == 0 && count != function.ArgumentTypes.Count)
        {
            throw new SyntaxError(call.Position, $"expected {function.ArgumentTypes.Count} argument(s) in call to \"{function.Name}\", got {count}");
        }
        if (count < function.MinArguments)
        {
            throw new SyntaxError(call.Position, $"expected at least {function.MinArguments} argument(s) in call to \"{function.Name}\", got {count}");
        }
        if (function.MaxArguments is { } max && count > max)
        {
            throw new SyntaxError(call.Position, $"expected at most {max} argument(s) in call to \"{function.Name}\", got {count}");
        }
        for (var i = 0; i < count; i++)
        {
            Expect(call.Arguments[i], function.ArgumentType(i), $"call to function \"{function.Name}\"");
        }
    }

    private static void Expect(Expr expr, ExprType want, string context)
    {
        if (expr.Type != want)
        {
            throw new SyntaxError(expr.Position, $"expected type {want.Documented()} in {context}, got {expr.Type.Documented()}");
        }
    }
}
