using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// This replica's alert instances, keyed by (rule, series), or (rule, group) for a grouped rule, and the one place their
/// evaluations leave for the next stage. Not thread-safe: the engine's gate lets one caller in at a time.
/// </summary>
public sealed class AlertInstances(IAlertChangeSink next)
{
    private readonly Dictionary<(Guid RuleId, long SeriesId), AlertInstance> instances = [];

    public int Count => instances.Count;

    /// <summary>A copy, so callers may forget instances while they walk it.</summary>
    public List<AlertInstance> ToList() => [.. instances.Values];

    public bool TryGet(Guid ruleId, long seriesId, out AlertInstance instance) => instances.TryGetValue((ruleId, seriesId), out instance!);

    /// <summary>The rule's instance for this series or group, made when new, and on the rule's current version either way.</summary>
    public AlertInstance For(AlertRule rule, long seriesId, IReadOnlyDictionary<string, string> labels, DateTimeOffset now)
    {
        if (!instances.TryGetValue((rule.Id, seriesId), out var instance))
        {
            instance = new AlertInstance(rule, seriesId, labels);
            instances[(rule.Id, seriesId)] = instance;
        }
        Adopt(instance, rule, now);
        return instance;
    }

    /// <summary>
    /// Gives an instance its rule's current version. When the rule now selects or measures series differently, the alert
    /// it had is ended first, so an edit never leaves an alert firing for series the rule no longer covers.
    /// </summary>
    public void Adopt(AlertInstance instance, AlertRule rule, DateTimeOffset now)
    {
        if (instance.Replace(rule))
        {
            var before = instance.Snapshot();
            Report(instance, before, instance.End(now), now);
        }
    }

    /// <summary>Hands one evaluation to the next stage, changed or not: a reminder or a lifted silence may still be due.</summary>
    public void Report(AlertInstance instance, AlertSnapshot before, bool changed, DateTimeOffset now) =>
        next.Changed(new AlertChange(instance, before, changed, now));

    /// <summary>Drops an instance whose rule is gone (its stored row went with the rule).</summary>
    public void Forget(AlertInstance instance) => instances.Remove((instance.Rule.Id, instance.SeriesId));

    /// <summary>Starts over from stored instances; the next stage drops whatever it held of the old ones.</summary>
    public async Task RestoreAsync(IEnumerable<AlertInstance> restored, CancellationToken cancellationToken)
    {
        instances.Clear();
        foreach (var instance in restored)
        {
            instances[(instance.Rule.Id, instance.SeriesId)] = instance;
        }
        await next.PrepareAsync(cancellationToken);
    }

    /// <summary>The end of one evaluated batch: the next stage writes what it changed.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => next.FlushAsync(cancellationToken);
}
