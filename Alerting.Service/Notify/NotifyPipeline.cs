using PerfMonitor.Alerting.Evaluation;

namespace PerfMonitor.Alerting.Notify;

/// <summary>
/// Alertmanager's notify pipeline for each change evaluation hands over: mute (silences) -> dedup and repeat -> outbox,
/// then the commit stage, which writes a batch's changes at its flush. A change with nothing to say and nothing to
/// write stops at dedup.
/// </summary>
public sealed class NotifyPipeline(MuteStage mute, DedupStage dedup, OutboxStage outbox, ICommitStage commit) : IAlertChangeSink
{
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        commit.Discard();
        await mute.PrepareAsync(cancellationToken);
    }

    public void Changed(in AlertChange change)
    {
        var muted = mute.IsMuted(change);
        var send = dedup.ToSend(change, muted);
        if (!DedupStage.HasNews(change, send))
        {
            return;
        }
        commit.Stage(change, outbox.Render(change, send));
    }

    public Task FlushAsync(CancellationToken cancellationToken) => commit.FlushAsync(cancellationToken);
}
