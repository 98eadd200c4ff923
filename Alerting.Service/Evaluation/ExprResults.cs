using PerfMonitor.Contracts;
using AlertRule = PerfMonitor.Alerting.Rules.AlertRule;
using Label = PerfMonitor.Contracts.V1.Label;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// An expr rule's evaluation, as Prometheus evaluates an alerting rule: each series the query returned is an alert
/// instance whose labels are the series' (without <c>__name__</c>) plus the rule's, and whose condition holds; an instance
/// the query no longer returns no longer holds (pending goes back to inactive, firing resolves once keepFiringFor has
/// passed). Its id is the series id of those labels, so it is stable across evaluations, restarts and replicas.
/// </summary>
public sealed class ExprResults(AlertInstances instances)
{
    public const string MetricNameLabel = "__name__";

    public void Apply(AlertRule rule, IReadOnlyList<ExprSample> result, DateTimeOffset now)
    {
        var returned = new HashSet<long>();
        foreach (var sample in result)
        {
            var labels = AlertLabels(rule, sample.Labels);
            var id = SeriesId.ToStorage(SeriesId.Compute("", [.. labels.Select(l => new Label { Name = l.Key, Value = l.Value })]));
            if (!returned.Add(id))
            {
                // Two series that differ only in their metric name are one alert, as in Prometheus.
                continue;
            }
            var instance = instances.For(rule, id, labels, now);
            instance.Seen(now);
            var before = instance.Snapshot();
            instances.Report(instance, before, instance.Apply(true, false, sample.Value, now), now);
        }
        foreach (var instance in instances.ToList().Where(i => i.Rule.Id == rule.Id && !returned.Contains(i.SeriesId)))
        {
            instances.Adopt(instance, rule, now);
            var before = instance.Snapshot();
            instances.Report(instance, before, instance.Apply(false, true, instance.Value, now), now);
        }
    }

    private static Dictionary<string, string> AlertLabels(AlertRule rule, IReadOnlyDictionary<string, string> series)
    {
        var labels = series.Where(l => l.Key != MetricNameLabel).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        foreach (var (name, value) in rule.Labels)
        {
            labels[name] = value;
        }
        return labels;
    }
}
