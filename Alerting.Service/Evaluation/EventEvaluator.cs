using System.Text.Json;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.Events;
using PerfMonitor.Contracts.V1;
using AlertRule = PerfMonitor.Alerting.Rules.AlertRule;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Anomaly and health events from perfmon.events.v1 against the rules of their kind. An event is known by the contract
/// type its Kafka header names; its body is read leniently (see <see cref="AnomalyEvent"/>) so the producer can evolve.
/// </summary>
public sealed class EventEvaluator(AlertInstances instances, RuleCache rules)
{
    /// <summary>The enabled rules an event of this type feeds, with their kind; none for a type no rule reads.</summary>
    public (RuleKind Kind, List<AlertRule> Rules) RulesFor(string type)
    {
        RuleKind? kind = type switch
        {
            nameof(AnomalyDetected) => RuleKind.Anomaly,
            nameof(HealthStatusChanged) => RuleKind.Health,
            _ => null,
        };
        return kind is { } known ? (known, rules.Enabled.Where(r => r.Kind == known).ToList()) : (default, []);
    }

    public void Evaluate(RuleKind kind, List<AlertRule> enabled, JsonElement body, DateTimeOffset now)
    {
        if (kind == RuleKind.Anomaly)
        {
            Anomaly(enabled, AnomalyEvent.Parse(body), now);
        }
        else
        {
            Health(enabled, body, now);
        }
    }

    private void Anomaly(List<AlertRule> enabled, AnomalyEvent anomaly, DateTimeOffset now)
    {
        foreach (var rule in enabled.Where(r => DetectorSeverity.Read(anomaly.Severity) >= r.MinSeverity && r.Matches(anomaly.Metric, anomaly.Labels)))
        {
            var instance = instances.For(rule, anomaly.SeriesId, anomaly.Labels, now);
            instance.Seen(now);
            var before = instance.Snapshot();
            instances.Report(instance, before, instance.Apply(true, false, anomaly.Value, now), now);
        }
    }

    private void Health(List<AlertRule> enabled, JsonElement body, DateTimeOffset now)
    {
        var service = body.TryGetProperty("service", out var s) ? s.GetString() ?? "" : "";
        var score = body.TryGetProperty("score", out var sc) && sc.TryGetDouble(out var parsed) ? parsed : double.NaN;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["service"] = service };
        var seriesId = SeriesId.ToStorage(SeriesId.Compute("health_score", [new Label { Name = "service", Value = service }]));
        foreach (var rule in enabled.Where(r => r.MatchesLabels(labels)))
        {
            var instance = instances.For(rule, seriesId, labels, now);
            instance.Seen(now);
            var before = instance.Snapshot();
            instances.Report(instance, before, instance.Evaluate(score, now), now);
        }
    }
}
