using System.Text.Json;
using AlertRule = PerfMonitor.Alerting.Rules.AlertRule;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// The evaluate stage's front door. Samples, events, timer ticks, "evaluate now" and rebuilds all come through here, one
/// at a time: each evaluates its instances (samples, events, timers), whose changes go on to the next stage, and then
/// flushes it, so each batch's changes are committed to PostgreSQL (state, history, outbox) before the next is evaluated.
/// </summary>
public sealed class AlertEngine(
    AlertInstances instances,
    SampleEvaluator samples,
    EventEvaluator events,
    AlertTimers timers,
    AlertRebuild rebuild,
    TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public int Count => instances.Count;

    /// <summary>The container disposes the engine at shutdown, after the consumers that call it have stopped.</summary>
    public void Dispose() => gate.Dispose();

    /// <summary>
    /// Takes on the states stored in PostgreSQL (see <see cref="AlertRebuild"/>). They are read under the gate too: events
    /// and grouped samples are evaluated on loops of their own, and a change written between the read and the restore
    /// would be dropped from memory while it stays in PostgreSQL (an anomaly alert then never times out).
    /// </summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        using (await EnterAsync(cancellationToken))
        {
            var stored = await rebuild.LoadAsync(cancellationToken);
            await rebuild.RestoreAsync(stored, cancellationToken);
        }
    }

    /// <summary>
    /// Evaluates the samples of many perfmon.samples.v1 records at once, their state changes written in one transaction.
    /// Returns how many samples some rule read.
    /// </summary>
    public async Task<int> OnSampleRecordsAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken)
    {
        var (index, matched) = samples.Read(records);
        if (matched is not { Count: > 0 })
        {
            return 0;
        }
        IReadOnlyCollection<GroupedSamples> grouped;
        using (await EnterAsync(cancellationToken))
        {
            grouped = samples.Evaluate(index, matched, clock.GetUtcNow());
            await instances.FlushAsync(cancellationToken);
        }
        // Before the records' offsets are stored: a failure here replays them.
        await samples.ForwardAsync(grouped, cancellationToken);
        return matched.Count;
    }

    /// <summary>Samples of the groups this replica owns, from every replica that read some of them (see <see cref="GroupedSampleConsumer"/>).</summary>
    public async Task OnGroupedSamplesAsync(IReadOnlyList<GroupedSamples> groups, CancellationToken cancellationToken)
    {
        if (groups.Count == 0)
        {
            return;
        }
        using (await EnterAsync(cancellationToken))
        {
            samples.EvaluateGroups(groups, clock.GetUtcNow());
            await instances.FlushAsync(cancellationToken);
        }
    }

    /// <summary>An event from perfmon.events.v1, by the type in its Kafka header.</summary>
    public async Task OnEventAsync(string type, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        var (kind, enabled) = events.RulesFor(type);
        if (enabled.Count == 0)
        {
            return;
        }
        using var document = JsonDocument.Parse(json);
        using (await EnterAsync(cancellationToken))
        {
            events.Evaluate(kind, enabled, document.RootElement, clock.GetUtcNow());
            await instances.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Time passing, and rule changes taking effect (see <see cref="AlertTimers"/>).</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        using (await EnterAsync(cancellationToken))
        {
            timers.Tick(clock.GetUtcNow());
            await instances.FlushAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Runs an evaluation that comes from elsewhere (an expr rule's query result) under the gate, and writes what it
    /// changed. It is given the time.
    /// </summary>
    public async Task EvaluateAsync(Action<DateTimeOffset> evaluate, CancellationToken cancellationToken)
    {
        using (await EnterAsync(cancellationToken))
        {
            evaluate(clock.GetUtcNow());
            await instances.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Re-evaluates one rule's instances at once, from the data in their windows.</summary>
    public async Task<IReadOnlyList<AlertInstanceView>> EvaluateNowAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        using (await EnterAsync(cancellationToken))
        {
            var evaluated = timers.EvaluateNow(rule, clock.GetUtcNow());
            await instances.FlushAsync(cancellationToken);
            // After the flush: an instance that lost a race to another replica shows the state it took over.
            return [.. evaluated.Select(e => AlertInstanceView.Of(e.Instance, e.Changed))];
        }
    }

    private async ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Lease(gate);
    }

    private readonly struct Lease(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
