using PerfMonitor.Alerting.Evaluation;

namespace PerfMonitor.Alerting.Notify;

/// <summary>
/// Dedup and repeat, Alertmanager's dedup stage: what, if anything, this change tells the receiver. A firing alert is sent
/// once (or when its silence is lifted), resolved only to a receiver that was told it fired, and again every repeat
/// interval while it fires unmuted.
/// </summary>
public sealed class DedupStage
{
    public AlertEventKind? ToSend(in AlertChange change, bool muted)
    {
        var (instance, before, changed, now) = change;
        if (changed)
        {
            return instance.State switch
            {
                AlertState.Firing when !muted => AlertEventKind.Firing,
                AlertState.Resolved when !muted && before.LastNotifiedAt is not null => AlertEventKind.Resolved,
                _ => null,
            };
        }
        if (instance.State != AlertState.Firing)
        {
            return null;
        }
        if (instance.Silenced != before.Silenced)
        {
            // A silence that expires over a firing alert lets it through, as Alertmanager does.
            return muted || before.LastNotifiedAt is not null ? null : AlertEventKind.Firing;
        }
        return !muted && instance.RepeatDue(now) ? AlertEventKind.Repeat : null;
    }

    /// <summary>Whether there is anything to write: a new state, a notification, or a firing alert muted or unmuted.</summary>
    public static bool HasNews(in AlertChange change, AlertEventKind? send) =>
        change.Changed || send is not null || change.Instance.Silenced != change.Before.Silenced;
}
