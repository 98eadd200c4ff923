using System.Text;

namespace PerfMonitor.PromQL.Model;

/// <summary>
/// An immutable set of labels sorted by name, compared by content. The metric name is the label
/// <see cref="MetricName"/>, as in Prometheus. Evaluation keeps one instance per series and caches derived sets
/// by reference, so equality and hashing run once per series rather than once per sample.
/// </summary>
public sealed class LabelSet : IEquatable<LabelSet>
{
    public const string MetricName = "__name__";

    public static readonly LabelSet Empty = new([]);

    private readonly Label[] labels;
    private int hash;

    private LabelSet(Label[] sorted) => labels = sorted;

    public static LabelSet From(IEnumerable<Label> labels)
    {
        var array = labels.Where(l => l.Value.Length > 0).ToArray();
        Array.Sort(array, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < array.Length; i++)
        {
            if (array[i].Name == array[i - 1].Name)
            {
                throw new ArgumentException($"label {array[i].Name} occurs twice", nameof(labels));
            }
        }
        return array.Length == 0 ? Empty : new LabelSet(array);
    }

    public static LabelSet From(IEnumerable<KeyValuePair<string, string>> labels) =>
        From(labels.Select(l => new Label(l.Key, l.Value)));

    public static LabelSet Of(params (string Name, string Value)[] labels) =>
        From(labels.Select(l => new Label(l.Name, l.Value)));

    public int Count => labels.Length;

    public ReadOnlySpan<Label> Labels => labels;

    /// <summary>The value of a label, or null when the set has no such label.</summary>
    public string? Get(string name)
    {
        foreach (var label in labels)
        {
            if (label.Name == name)
            {
                return label.Value;
            }
        }
        return null;
    }

    public bool Has(string name) => Get(name) is not null;

    public LabelSet WithoutMetricName() => Has(MetricName) ? Filter(l => l.Name != MetricName) : this;

    /// <summary>Only the named labels (Prometheus's <c>on</c> and <c>by</c>).</summary>
    public LabelSet Keep(IReadOnlyCollection<string> names) => Filter(l => names.Contains(l.Name));

    /// <summary>All but the named labels (Prometheus's <c>ignoring</c> and <c>without</c>).</summary>
    public LabelSet Without(IReadOnlyCollection<string> names) => Filter(l => !names.Contains(l.Name));

    /// <summary>This set with one label set, replaced or (for an empty value) removed.</summary>
    public LabelSet With(string name, string value)
    {
        var rest = labels.Where(l => l.Name != name);
        return From(value.Length == 0 ? rest : rest.Append(new Label(name, value)));
    }

    public Dictionary<string, string> ToDictionary()
    {
        var result = new Dictionary<string, string>(labels.Length, StringComparer.Ordinal);
        foreach (var label in labels)
        {
            result[label.Name] = label.Value;
        }
        return result;
    }

    public bool Equals(LabelSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other is null || other.labels.Length != labels.Length || other.GetHashCode() != GetHashCode())
        {
            return false;
        }
        return labels.AsSpan().SequenceEqual(other.labels);
    }

    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    public override int GetHashCode()
    {
        if (hash == 0)
        {
            var combined = new HashCode();
            foreach (var label in labels)
            {
                combined.Add(label.Name, StringComparer.Ordinal);
                combined.Add(label.Value, StringComparer.Ordinal);
            }
            hash = combined.ToHashCode() | 1;
        }
        return hash;
    }

    /// <summary>Prometheus's notation: <c>{a="1", b="2"}</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("{");
        for (var i = 0; i < labels.Length; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(labels[i].Name).Append("=\"")
                .Append(labels[i].Value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
        }
        return text.Append('}').ToString();
    }

    private LabelSet Filter(Func<Label, bool> keep)
    {
        var kept = labels.Where(keep).ToArray();
        return kept.Length == labels.Length ? this : kept.Length == 0 ? Empty : new LabelSet(kept);
    }
}
