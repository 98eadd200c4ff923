using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.State;

/// <summary>
/// The store commit: collects each instance's changes of a batch (state, history rows, outbox rows) and writes them all in
/// one transaction at the flush. When another replica changed an alert first, its stored state is taken over instead and
/// nothing is sent twice; when the write fails, every staged instance goes back to what PostgreSQL holds.
/// </summary>
public sealed partial class CommitStage(AlertStore store, EvaluationMetrics metrics, IOutboxSignal outbox, ILogger<CommitStage> logger) : ICommitStage
{
    private readonly Dictionary<AlertInstance, StagedTransition> staged = [];

    public void Stage(in AlertChange change, OutboxNotification? notification)
    {
        var instance = change.Instance;
        if (!staged.TryGetValue(instance, out var entry))
        {
            // The first change since the last write: its "before" is what PostgreSQL holds.
            entry = new StagedTransition(instance, change.Before);
            staged[instance] = entry;
        }
        if (change.Changed)
        {
            entry.History.Add(new(change.Before.State, instance.State, instance.Value, instance.Silenced));
        }
        if (notification is not null)
        {
            entry.Notifications.Add(notification);
        }
    }

    public void Discard() => staged.Clear();

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (staged.Count == 0)
        {
            return;
        }
        var batch = staged.Values.ToList();
        staged.Clear();
        IReadOnlySet<AlertInstance> lost;
        try
        {
            lost = await store.CommitAsync(batch, cancellationToken);
        }
        catch
        {
            foreach (var entry in batch)
            {
                entry.Instance.Restore(entry.Before);
            }
            throw;
        }
        var notified = false;
        foreach (var entry in batch)
        {
            var instance = entry.Instance;
            if (lost.Contains(instance))
            {
                var stored = await store.GetAsync(instance.Rule.Id, instance.SeriesId, cancellationToken);
                instance.Restore(stored ?? entry.Before);
                LogLostRace(instance.Rule.Id, instance.SeriesId, instance.State.ToWire());
                continue;
            }
            foreach (var change in entry.History)
            {
                metrics.Transitioned(instance.Rule.Kind.ToWire(), change.To.ToWire());
                LogStateChanged(instance.Rule.Id, instance.SeriesId, change.From.ToWire(), change.To.ToWire(), change.Value, change.Silenced);
            }
            notified |= entry.Notifications.Count > 0;
        }
        if (notified)
        {
            outbox.Wake();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {RuleId} series {SeriesId}: {From} -> {To} at {Value} (silenced: {Silenced})")]
    private partial void LogStateChanged(Guid ruleId, long seriesId, string from, string to, double value, bool silenced);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {RuleId} series {SeriesId} was changed by another replica first; now {State}")]
    private partial void LogLostRace(Guid ruleId, long seriesId, string state);
}
