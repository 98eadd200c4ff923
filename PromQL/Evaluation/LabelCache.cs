using System.Runtime.CompilerServices;
using PerfMonitor.PromQL.Model;

namespace PerfMonitor.PromQL.Evaluation;

/// <summary>
/// Derived label sets (without the metric name, a matching signature, a group's labels) computed once per input
/// label set and reused at every step, so a long range query does not allocate labels per step and series.
/// </summary>
internal sealed class LabelCache
{
    private readonly Dictionary<LabelSet, LabelSet> withoutName = [];
    private readonly Dictionary<object, Aggregations.GroupSlots> groups = new(ReferenceEqualityComparer.Instance);
    // Keys are query nodes compared by reference: records would hash and compare their whole subtree on every lookup.
    private readonly Dictionary<(object Key, LabelSet Labels), LabelSet> derived = new(NodeKeyComparer.Instance);
    private readonly Dictionary<(object Key, LabelSet Left, LabelSet Right), LabelSet> derivedPairs = new(NodeKeyComparer.Instance);

    public LabelSet WithoutName(LabelSet labels)
    {
        if (!labels.Has(LabelSet.MetricName))
        {
            return labels;
        }
        if (!withoutName.TryGetValue(labels, out var result))
        {
            result = labels.WithoutMetricName();
            withoutName[labels] = result;
        }
        return result;
    }

    /// <summary>The numbered groups of an aggregation node, kept across steps.</summary>
    public Aggregations.GroupSlots GroupsOf(object node)
    {
        if (!groups.TryGetValue(node, out var slots))
        {
            slots = new Aggregations.GroupSlots();
            groups[node] = slots;
        }
        return slots;
    }

    /// <summary>The label set <paramref name="derive"/> makes of <paramref name="labels"/> for a use named by <paramref name="key"/> (a node of the query).</summary>
    public LabelSet Derive<TState>(object key, LabelSet labels, TState state, Func<LabelSet, TState, LabelSet> derive)
    {
        if (!derived.TryGetValue((key, labels), out var result))
        {
            result = derive(labels, state);
            derived[(key, labels)] = result;
        }
        return result;
    }

    /// <summary>Like <see cref="Derive{TState}"/>, for a label set made of two (a binary operation's result labels).</summary>
    public LabelSet DerivePair<TState>(object key, LabelSet left, LabelSet right, TState state, Func<LabelSet, LabelSet, TState, LabelSet> derive)
    {
        if (!derivedPairs.TryGetValue((key, left, right), out var result))
        {
            result = derive(left, right, state);
            derivedPairs[(key, left, right)] = result;
        }
        return result;
    }

    private sealed class NodeKeyComparer : IEqualityComparer<(object Key, LabelSet Labels)>, IEqualityComparer<(object Key, LabelSet Left, LabelSet Right)>
    {
        public static readonly NodeKeyComparer Instance = new();

        public bool Equals((object Key, LabelSet Labels) x, (object Key, LabelSet Labels) y) =>
            ReferenceEquals(x.Key, y.Key) && x.Labels.Equals(y.Labels);

        public int GetHashCode((object Key, LabelSet Labels) obj) => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Key), obj.Labels);

        public bool Equals((object Key, LabelSet Left, LabelSet Right) x, (object Key, LabelSet Left, LabelSet Right) y) =>
            ReferenceEquals(x.Key, y.Key) && x.Left.Equals(y.Left) && x.Right.Equals(y.Right);

        public int GetHashCode((object Key, LabelSet Left, LabelSet Right) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Key), obj.Left, obj.Right);
    }
}
