using PerfMonitor.Alerting.Evaluation;

namespace PerfMonitor.Alerting.Notify;

/// <summary>The last stage: keeps each change with its outbox row and writes a batch of them in one transaction.</summary>
public interface ICommitStage
{
    void Stage(in AlertChange change, OutboxNotification? notification);

    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>Forgets what is staged: evaluation starts over from stored state.</summary>
    void Discard();
}
