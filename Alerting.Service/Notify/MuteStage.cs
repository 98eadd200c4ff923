using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Silences;

namespace PerfMonitor.Alerting.Notify;

/// <summary>
/// Muting, Alertmanager's silence stage: whether a silence covers a firing or resolved alert now. A firing alert keeps
/// the answer (<see cref="AlertInstance.Silenced"/>), so the dedup stage can send it once the silence is lifted.
/// </summary>
public sealed class MuteStage(SilenceCache silences)
{
    /// <summary>Reads the silences before evaluation (re)starts, so the first alerts are judged by them too.</summary>
    public Task PrepareAsync(CancellationToken cancellationToken) => silences.RefreshAsync(cancellationToken);

    public bool IsMuted(in AlertChange change)
    {
        var instance = change.Instance;
        var muted = instance.State is AlertState.Firing or AlertState.Resolved && silences.IsMuted(LabelsOf(instance), change.Now);
        if (instance.State == AlertState.Firing)
        {
            instance.MarkSilenced(muted);
        }
        return muted;
    }

    /// <summary>The labels silences match on: the series' (or group's) labels plus alertname (the rule's name), severity and the rule's id.</summary>
    public static Dictionary<string, string> LabelsOf(AlertInstance instance) => new(instance.Labels, StringComparer.Ordinal)
    {
        ["alertname"] = instance.Rule.Name,
        ["severity"] = instance.Rule.Severity.ToWire(),
        ["perfmon_rule_id"] = instance.Rule.Id.ToString(),
    };
}
