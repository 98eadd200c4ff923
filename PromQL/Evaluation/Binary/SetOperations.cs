using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Binary;

/// <summary><c>and</c>, <c>or</c>, <c>unless</c>: many-to-many by signature, samples passed through unchanged.</summary>
internal static class SetOperations
{
    public static StepValue Apply(Evaluator evaluator, BinaryExpr binary, List<VectorSample> left, List<VectorSample> right)
    {
        var matching = binary.Matching;
        HashSet<LabelSet> SignaturesOf(List<VectorSample> samples) => samples.Select(s => Signatures.Of(evaluator, matching, s.Labels)).ToHashSet();
        switch (binary.Op)
        {
            case BinaryOperator.And:
                var rightForAnd = SignaturesOf(right);
                return new VectorValue(left.Where(s => rightForAnd.Contains(Signatures.Of(evaluator, matching, s.Labels))).ToList());
            case BinaryOperator.Unless:
                var rightForUnless = SignaturesOf(right);
                return new VectorValue(left.Where(s => !rightForUnless.Contains(Signatures.Of(evaluator, matching, s.Labels))).ToList());
            default:
                var leftForOr = SignaturesOf(left);
                return new VectorValue([.. left, .. right.Where(s => !leftForOr.Contains(Signatures.Of(evaluator, matching, s.Labels)))]);
        }
    }
}
