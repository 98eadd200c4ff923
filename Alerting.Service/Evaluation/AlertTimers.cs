using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Time passing and rule changes: pending alerts reach their <c>for</c>, absences and anomalies time out, reminders and
/// un-muting get their chance; a disabled rule's alerts end (a firing one resolves and says so), a deleted rule's are
/// forgotten (their stored rows went with it). Also "evaluate now", which re-evaluates one rule's instances at once.
/// </summary>
public sealed class AlertTimers(AlertInstances instances, RuleCache rules)
{
    public void Tick(DateTimeOffset now)
    {
        var current = rules.All.ToDictionary(r => r.Id);
        foreach (var instance in instances.ToList())
        {
            if (!current.TryGetValue(instance.Rule.Id, out var rule))
            {
                instances.Forget(instance);
                continue;
            }
            instances.Adopt(instance, rule, now);
            var before = instance.Snapshot();
            instances.Report(instance, before, rule.Enabled ? instance.Tick(now) : instance.End(now), now);
        }
    }

    /// <summary>Re-evaluates one rule's instances from the data in their windows; says which changed.</summary>
    public List<(AlertInstance Instance, bool Changed)> EvaluateNow(AlertRule rule, DateTimeOffset now)
    {
        var evaluated = new List<(AlertInstance Instance, bool Changed)>();
        foreach (var instance in instances.ToList().Where(i => i.Rule.Id == rule.Id))
        {
            instances.Adopt(instance, rule, now);
            var before = instance.Snapshot();
            var changed = rule.Kind == RuleKind.Threshold && !instance.Window.IsEmpty ? instance.EvaluateWindow(now) : instance.Tick(now);
            instances.Report(instance, before, changed, now);
            evaluated.Add((instance, changed));
        }
        return evaluated;
    }
}
