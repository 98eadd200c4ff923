using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.State;

/// <summary>
/// The store commit: collects each instance's changes of a batch (state, history rows, outbox rows) and writes them all in
/// one transaction at the flush. When another replica changed an alert first, its stored state is taken over instead and
/// nothing is sent twice; when the write fails, every staged instance goes back to what PostgreSQL holds. The outbox rows
/// are written leased to this process's dispatcher when it has room for them, and handed to it as soon as they are
/// committed, so the first attempt needs no claim; otherwise the dispatcher is woken to claim them.
/// </summary>
public sealed partial class CommitStage(
    AlertStore store, EvaluationMetrics metrics, IOutboxSignal outbox, IOutboxHandOver handOver, ILogger<CommitStage> logger) : ICommitStage
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
        var notifications = batch.Sum(entry => entry.Notifications.Count);
        using var reservation = notifications > 0 ? handOver.Reserve(notifications) : null;
        IReadOnlySet<AlertInstance> lost;
        try
        {
            lost = await store.CommitAsync(batch, reservation?.Lease, cancellationToken);
        }
        catch
        {
            foreach (var entry in batch)
            {
                entry.Instance.Restore(entry.Before);
            }
            throw;
        }
        var committed = batch.Where(entry => !lost.Contains(entry.Instance)).SelectMany(entry => entry.Notifications).ToList();
        if (reservation is not null)
        {
            reservation.HandOver(committed);
        }
        else if (committed.Count > 0)
        {
            outbox.Wake();
        }
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
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {RuleId} series {SeriesId}: {From} -> {To} at {Value} (silenced: {Silenced})")]
    private partial void LogStateChanged(Guid ruleId, long seriesId, string from, string to, double value, bool silenced);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {RuleId} series {SeriesId} was changed by another replica first; now {State}")]
    private partial void LogLostRace(Guid ruleId, long seriesId, string state);
}
