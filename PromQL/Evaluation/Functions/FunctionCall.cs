using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>A call being evaluated at one step: its arguments are evaluated when a function body asks for them.</summary>
internal sealed class FunctionCall(Evaluator evaluator, CallExpr expr, long time)
{
    public Evaluator Evaluator { get; } = evaluator;

    public CallExpr Expr { get; } = expr;

    public long Time { get; } = time;

    public int ArgumentCount => Expr.Arguments.Count;

    public double Scalar(int index) => Evaluator.EvalScalar(Expr.Arguments[index], Time);

    public List<VectorSample> Vector(int index) => Evaluator.EvalVector(Expr.Arguments[index], Time);

    public RangeValue Range(int index) => (RangeValue)Evaluator.Eval(Expr.Arguments[index], Time);

    public string String(int index) => ((StringValue)Evaluator.Eval(Expr.Arguments[index], Time)).Value;
}
