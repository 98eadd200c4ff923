using PerfMonitor.PromQL.Storage;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation;

/// <summary>A selector of the query with what the functions over it read: its range (0 for an instant selector) and bucket fields.</summary>
internal sealed record SelectorPlan(VectorSelector Selector, long RangeMs, BucketFields Fields)
{
    /// <summary>Every selector of the expression, found by walking the tree.</summary>
    public static List<SelectorPlan> Collect(Expr root)
    {
        var plans = new List<SelectorPlan>();
        Walk(root, BucketFields.None, plans);
        return plans;
    }

    private static void Walk(Expr expr, BucketFields fields, List<SelectorPlan> plans)
    {
        switch (expr)
        {
            case VectorSelector selector:
                plans.Add(new SelectorPlan(selector, 0, BucketFields.None));
                return;
            case MatrixSelector matrix:
                plans.Add(new SelectorPlan(matrix.Selector, matrix.RangeMs, fields));
                return;
            case CallExpr call:
                var needs = FunctionTable.Get(call.Function.Name).Needs;
                foreach (var argument in call.Arguments)
                {
                    Walk(argument, needs, plans);
                }
                return;
            case ParenExpr paren:
                Walk(paren.Inner, fields, plans);
                return;
            default:
                foreach (var child in expr.Children)
                {
                    Walk(child, BucketFields.None, plans);
                }
                return;
        }
    }
}
