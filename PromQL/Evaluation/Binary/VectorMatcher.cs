using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Binary;

/// <summary>
/// Arithmetic and comparisons between two vectors: one-to-one, or many-to-one / one-to-many with group_left /
/// group_right, refusing the ambiguous matches Prometheus refuses.
/// </summary>
internal static class VectorMatcher
{
    public static StepValue Apply(Evaluator evaluator, BinaryExpr binary, List<VectorSample> left, List<VectorSample> right)
    {
        if (left.Count == 0 || right.Count == 0)
        {
            return new VectorValue([]);
        }
        var matching = binary.Matching;
        var oneToMany = matching.Cardinality == MatchCardinality.OneToMany;
        var (many, one) = oneToMany ? (right, left) : (left, right);
        var oneSide = new Dictionary<LabelSet, VectorSample>(one.Count);
        foreach (var sample in one)
        {
            var signature = Signatures.Of(evaluator, matching, sample.Labels);
            if (oneSide.TryGetValue(signature, out var duplicate))
            {
                throw new PromQLException(PromQLException.Execution,
                    $"found duplicate series for the match group {signature} on the {(oneToMany ? "left" : "right")} hand-side of the operation: " +
                    $"[{sample.Labels}, {duplicate.Labels}];many-to-many matching not allowed: matching labels must be unique on one side");
            }
            oneSide[signature] = sample;
        }
        var matched = new Dictionary<LabelSet, HashSet<LabelSet>?>();
        var result = new List<VectorSample>();
        foreach (var sample in many)
        {
            var signature = Signatures.Of(evaluator, matching, sample.Labels);
            if (!oneSide.TryGetValue(signature, out var other))
            {
                continue;
            }
            var (lv, rv) = oneToMany ? (other.Value, sample.Value) : (sample.Value, other.Value);
            var (value, keep) = Arithmetic.Apply(binary.Op, lv, rv);
            if (binary.ReturnBool)
            {
                value = keep ? 1 : 0;
            }
            else if (!keep)
            {
                continue;
            }
            var labels = evaluator.Labels.DerivePair(binary, sample.Labels, other.Labels, binary, static (m, o, b) => ResultLabels(m, o, b));
            if (binary.ReturnBool)
            {
                labels = evaluator.Labels.WithoutName(labels);
            }
            CheckUnique(matched, signature, labels, matching.Cardinality);
            result.Add(new VectorSample(labels, value));
        }
        return new VectorValue(result);
    }

    private static void CheckUnique(Dictionary<LabelSet, HashSet<LabelSet>?> matched, LabelSet signature, LabelSet labels, MatchCardinality cardinality)
    {
        var exists = matched.TryGetValue(signature, out var inserted);
        if (cardinality == MatchCardinality.OneToOne)
        {
            if (exists)
            {
                throw new PromQLException(PromQLException.Execution,
                    "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
            }
            matched[signature] = null;
            return;
        }
        if (!exists)
        {
            matched[signature] = inserted = [];
        }
        if (!inserted!.Add(labels))
        {
            throw new PromQLException(PromQLException.Execution, "multiple matches for labels: grouping labels must ensure unique matches");
        }
    }

    /// <summary>The "many" side's labels, less the metric name for arithmetic, narrowed for one-to-one, plus the group_x labels from the "one" side.</summary>
    private static LabelSet ResultLabels(LabelSet many, LabelSet one, BinaryExpr binary)
    {
        var matching = binary.Matching;
        var labels = binary.Op.DropsMetricName() ? many.WithoutMetricName() : many;
        if (matching.Cardinality == MatchCardinality.OneToOne)
        {
            labels = matching.On ? labels.Keep(matching.MatchingLabels.ToHashSet()) : labels.Without(matching.MatchingLabels.ToHashSet());
        }
        foreach (var name in matching.Include)
        {
            labels = labels.With(name, one.Get(name) ?? "");
        }
        return labels;
    }
}
