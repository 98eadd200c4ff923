using PerfMonitor.Alerting.Evaluation;

namespace PerfMonitor.Alerting.Notify;

/// <summary>
/// Alertmanager's notify pipeline for each change evaluation hands over: mute (silences) -> dedup and repeat -> outbox,
/// then the commit stage, which writes a batch's changes at its flush. A change with nothing to say and nothing to
/// write stops at dedup. Alerts of routed rules (no webhook of their own) are grouped by the group dispatcher from what
/// was committed, so it is woken after the flush that wrote them. An acknowledged firing gets no reminders.
/// </summary>
public sealed class NotifyPipeline(MuteStage mute, DedupStage dedup, OutboxStage outbox, ICommitStage commit, IRoutedAlertSignal routed, IAcknowledgedFirings acknowledged)
    : IAlertChangeSink
{
    private bool routedChanged;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        commit.Discard();
        routedChanged = false;
        await mute.PrepareAsync(cancellationToken);
    }

    public void Changed(in AlertChange change)
    {
        var muted = mute.IsMuted(change);
        var send = dedup.ToSend(change, muted);
        if (send == AlertEventKind.Repeat && acknowledged.Holds(change.Instance))
        {
            send = null;
        }
        if (!DedupStage.HasNews(change, send))
        {
            return;
        }
        routedChanged |= !change.Instance.Rule.HasWebhook;
        commit.Stage(change, outbox.Render(change, send));
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await commit.FlushAsync(cancellationToken);
        if (routedChanged)
        {
            routedChanged = false;
            routed.Wake();
        }
    }
}
