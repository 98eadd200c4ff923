using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.State;

/// <summary>
/// What one alert instance changed since the last write: the state it had in PostgreSQL (<see cref="Before"/>, restored
/// when the write loses to another replica), the transitions for its history and the notifications for the outbox.
/// The commit stage collects these while a batch is evaluated and writes them all in one transaction.
/// </summary>
public sealed class StagedTransition(AlertInstance instance, AlertSnapshot before)
{
    public AlertInstance Instance => instance;

    public AlertSnapshot Before => before;

    public List<HistoryEntry> History { get; } = [];

    public List<OutboxNotification> Notifications { get; } = [];

    public sealed record HistoryEntry(AlertState From, AlertState To, double Value, bool Silenced);
}
