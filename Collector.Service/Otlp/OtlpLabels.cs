using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.Otlp.Common;
using Label = PerfMonitor.Contracts.V1.Label;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// Turns OTLP attributes into labels: data point attributes first, then service.name, then scope and the other
/// resource attributes, until the label limit (less <c>reserve</c> for le or quantile) is reached, so what identifies
/// the series wins. A resource's and a scope's attributes become candidates once, not once per data point, and no
/// more of them than a sample can carry. A key longer than a label name may be is left out (as attributes past the
/// limit are); a value is cut to the value limit.
/// </summary>
public sealed class OtlpLabels(IngestOptions limits)
{
    public OtlpLabelContext Context(IList<KeyValue> resource, IList<KeyValue> scope) => new(
        Candidates(resource.Where(a => a.Key == "service.name")),
        Candidates(scope),
        Candidates(resource));

    public List<Label> ForPoint(IList<KeyValue> point, OtlpLabelContext context, int reserve)
    {
        var room = limits.MaxLabels - reserve;
        var chosen = new List<(string Name, string Value)>();
        Take(point, chosen, room);
        Add(context.Service, chosen, room);
        Add(context.Scope, chosen, room);
        Add(context.Resource, chosen, room);
        chosen.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return chosen.ConvertAll(static l => new Label { Name = l.Name, Value = l.Value });
    }

    private List<(string Name, string Value)> Candidates(IEnumerable<KeyValue> attributes)
    {
        var candidates = new List<(string Name, string Value)>();
        Take(attributes, candidates, limits.MaxLabels);
        return candidates;
    }

    private void Take(IEnumerable<KeyValue> attributes, List<(string Name, string Value)> into, int room)
    {
        foreach (var attribute in attributes)
        {
            if (into.Count >= room)
            {
                return;
            }
            if (attribute.Key.Length == 0 || attribute.Key.Length > limits.MaxLabelNameLength)
            {
                continue;
            }
            var name = MetricNames.Label(attribute.Key);
            if (name.Length <= limits.MaxLabelNameLength && !Contains(into, name))
            {
                into.Add((name, OtlpAttributeText.Of(attribute.Value, limits.MaxLabelValueLength)));
            }
        }
    }

    private static void Add(IReadOnlyList<(string Name, string Value)> candidates, List<(string Name, string Value)> into, int room)
    {
        for (var i = 0; i < candidates.Count && into.Count < room; i++)
        {
            if (!Contains(into, candidates[i].Name))
            {
                into.Add(candidates[i]);
            }
        }
    }

    /// <summary>A linear search: a sample has a few dozen labels at most.</summary>
    private static bool Contains(List<(string Name, string Value)> labels, string name)
    {
        foreach (var label in labels)
        {
            if (label.Name == name)
            {
                return true;
            }
        }
        return false;
    }
}
