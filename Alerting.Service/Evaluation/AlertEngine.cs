using System.Text.Json;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Silences;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.Events;
using PerfMonitor.Contracts.V1;
using AlertRule = PerfMonitor.Alerting.Rules.AlertRule;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Every alert instance of this replica, keyed by (rule, series), or (rule, group) for a grouped rule. Samples, events, timers and "evaluate now" all come
/// through here, one at a time; each change is committed to PostgreSQL (state, history, outbox) before the next.
/// </summary>
public sealed partial class AlertEngine(
    RuleCache rules,
    AlertStore store,
    SilenceCache silences,
    NotificationFactory notifications,
    OutboxDispatcher dispatcher,
    AlertingMetrics metrics,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    ILogger<AlertEngine> logger)
{
    private readonly Dictionary<(Guid RuleId, long SeriesId), AlertInstance> instances = [];
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<AlertInstance, StagedTransition> staged = [];

    public int Count => instances.Count;

    /// <summary>Takes on the states stored in PostgreSQL, so a restart neither forgets a firing alert nor fires it again.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await rules.RefreshAsync(cancellationToken);
        await silences.RefreshAsync(cancellationToken);
        var byId = rules.All.ToDictionary(r => r.Id);
        var stored = await store.ListAsync(cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            instances.Clear();
            staged.Clear();
            foreach (var alert in stored)
            {
                if (byId.TryGetValue(alert.RuleId, out var rule))
                {
                    var instance = new AlertInstance(rule, alert.SeriesId, alert.Labels) { LastSeenAt = clock.GetUtcNow() };
                    instance.Restore(alert.Snapshot);
                    instances[(rule.Id, alert.SeriesId)] = instance;
                }
            }
        }
        finally
        {
            gate.Release();
        }
        LogRebuilt(instances.Count, stored.Count(s => s.Snapshot.State == AlertState.Firing));
    }

    /// <summary>
    /// Evaluates the samples of many perfmon.samples.v1 records at once. Samples are looked up by metric in the rule index
    /// before anything else of them is read, labels are decoded once per new series, and the state changes of the whole
    /// call are written in one transaction. A record that is not a well-formed batch is skipped and counted.
    /// </summary>
    public async Task<int> OnSampleRecordsAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken)
    {
        var index = rules.SampleRules;
        if (index.IsEmpty || records.Count == 0)
        {
            return 0;
        }
        var matched = new List<(EncodedSample Sample, AlertRule[] Rules)>();
        var read = 0;
        foreach (var record in records)
        {
            try
            {
                read += SampleBatchReader.Read(record, index, matched);
            }
            catch (InvalidDataException ex)
            {
                metrics.RecordSkipped();
                LogBadRecord(ex, record.Length);
            }
        }
        metrics.SamplesRead(read, matched.Count);
        if (matched.Count == 0)
        {
            return 0;
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            foreach (var (sample, sampleRules) in matched)
            {
                Observe(index, sample, sampleRules, now);
            }
            await FlushAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
        return matched.Count;
    }

    private void Observe(MetricRuleIndex index, EncodedSample encoded, AlertRule[] sampleRules, DateTimeOffset now)
    {
        Sample? decoded = null;
        IReadOnlyDictionary<string, string>? labels = null;
        var seriesId = encoded.SeriesId;
        if (seriesId == 0)
        {
            // The collector always sets it; a record from elsewhere may leave it to us.
            decoded = encoded.Decode();
            seriesId = SeriesId.Compute(decoded.Metric, decoded.Labels);
        }
        var storageId = SeriesId.ToStorage(seriesId);
        foreach (var rule in sampleRules)
        {
            if (!index.TryGetMatch(rule.Id, storageId, out var match))
            {
                labels ??= LabelsOf(decoded ??= encoded.Decode());
                match = SeriesMatch.Of(rule, storageId, labels);
                index.RememberMatch(rule.Id, storageId, match);
            }
            if (!match.Matched)
            {
                continue;
            }
            if (!instances.TryGetValue((rule.Id, match.InstanceId), out var instance))
            {
                instance = InstanceFor(rule, match.InstanceId, match.GroupLabels ?? (labels ??= LabelsOf(decoded ??= encoded.Decode())), now);
            }
            Adopt(instance, rule, now);
            instance.LastSeenAt = now;
            var before = instance.Snapshot();
            bool changed;
            if (rule.Kind == RuleKind.Absence)
            {
                changed = instance.State is AlertState.Pending or AlertState.Firing && instance.Apply(false, true, 0, now);
            }
            else
            {
                changed = instance.Observe(encoded.TimestampUnixMs, encoded.Value, storageId, match.InNumerator, now, options.Value.MinEvaluationInterval);
            }
            // Un-muting and reminders are the tick's business; the sample path only stages state changes.
            if (changed)
            {
                Stage(instance, before, changed, now);
            }
        }
    }

    private static Dictionary<string, string> LabelsOf(Sample sample) => sample.Labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);

    /// <summary>An event from perfmon.events.v1, by the type in its Kafka header.</summary>
    public async Task OnEventAsync(string type, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        var kind = type switch
        {
            nameof(AnomalyDetected) => RuleKind.Anomaly,
            nameof(HealthStatusChanged) => (RuleKind?)RuleKind.Health,
            _ => null,
        };
        var enabled = rules.Enabled.Where(r => r.Kind == kind).ToList();
        if (kind is null || enabled.Count == 0)
        {
            return;
        }
        using var document = JsonDocument.Parse(json);
        var body = document.RootElement;
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (kind == RuleKind.Anomaly)
            {
                var anomaly = AnomalyEvent.Parse(body);
                foreach (var rule in enabled.Where(r => DetectorSeverity.Read(anomaly.Severity) >= r.MinSeverity && r.Matches(anomaly.Metric, anomaly.Labels)))
                {
                    var instance = InstanceFor(rule, anomaly.SeriesId, anomaly.Labels, now);
                    instance.LastSeenAt = now;
                    var before = instance.Snapshot();
                    Stage(instance, before, instance.Apply(true, false, anomaly.Value, now), now);
                }
            }
            else
            {
                var service = body.TryGetProperty("service", out var s) ? s.GetString() ?? "" : "";
                var score = body.TryGetProperty("score", out var sc) && sc.TryGetDouble(out var parsed) ? parsed : double.NaN;
                var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["service"] = service };
                var seriesId = SeriesId.ToStorage(SeriesId.Compute("health_score", [new Label { Name = "service", Value = service }]));
                foreach (var rule in enabled.Where(r => r.MatchesLabels(labels)))
                {
                    var instance = InstanceFor(rule, seriesId, labels, now);
                    instance.LastSeenAt = now;
                    var before = instance.Snapshot();
                    Stage(instance, before, instance.Evaluate(score, now), now);
                }
            }
            await FlushAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Time passing: pending alerts reach their <c>for</c>, absences and anomalies time out, reminders and un-muting.
    /// Rule changes land here too: a disabled rule's alerts end (a firing one resolves and says so), a deleted rule's
    /// are forgotten (their stored rows went with it).
    /// </summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var current = rules.All.ToDictionary(r => r.Id);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            foreach (var instance in instances.Values.ToList())
            {
                if (!current.TryGetValue(instance.Rule.Id, out var rule))
                {
                    instances.Remove((instance.Rule.Id, instance.SeriesId));
                    continue;
                }
                Adopt(instance, rule, now);
                var before = instance.Snapshot();
                Stage(instance, before, rule.Enabled ? instance.Tick(now) : instance.End(now), now);
            }
            await FlushAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Re-evaluates one rule's instances at once, from the data in their windows.</summary>
    public async Task<IReadOnlyList<AlertInstanceView>> EvaluateNowAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            var evaluated = new List<(AlertInstance Instance, bool Changed)>();
            foreach (var instance in instances.Values.Where(i => i.Rule.Id == rule.Id).ToList())
            {
                Adopt(instance, rule, now);
                var before = instance.Snapshot();
                var changed = rule.Kind == RuleKind.Threshold && !instance.Window.IsEmpty ? instance.EvaluateWindow(now) : instance.Tick(now);
                Stage(instance, before, changed, now);
                evaluated.Add((instance, changed));
            }
            await FlushAsync(cancellationToken);
            return evaluated.Select(e => new AlertInstanceView(SeriesId.FromStorage(e.Instance.SeriesId).ToString(System.Globalization.CultureInfo.InvariantCulture),
                e.Instance.Labels, AlertStore.Name(e.Instance.State), e.Instance.Value, e.Changed)).ToList();
        }
        finally
        {
            gate.Release();
        }
    }

    private AlertInstance InstanceFor(AlertRule rule, long seriesId, IReadOnlyDictionary<string, string> labels, DateTimeOffset now)
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
    private void Adopt(AlertInstance instance, AlertRule rule, DateTimeOffset now)
    {
        if (instance.Replace(rule))
        {
            var before = instance.Snapshot();
            Stage(instance, before, instance.End(now), now);
        }
    }

    /// <summary>
    /// Decides what the change means for receivers (notify, mute, un-mute, remind) and stages it for the next
    /// <see cref="FlushAsync"/>, which writes everything staged in one transaction.
    /// </summary>
    private void Stage(AlertInstance instance, AlertSnapshot before, bool changed, DateTimeOffset now)
    {
        var rule = instance.Rule;
        var muted = instance.State is AlertState.Firing or AlertState.Resolved && silences.IsMuted(instance.SilenceLabels(), now);
        string? send = null;
        if (changed && instance.State == AlertState.Firing)
        {
            instance.Silenced = muted;
            send = muted ? null : AlertEvent.Firing;
        }
        else if (changed && instance.State == AlertState.Resolved)
        {
            // Resolved is only news to a receiver that was told it fired.
            send = !muted && before.LastNotifiedAt is not null ? AlertEvent.Resolved : null;
        }
        else if (!changed && instance.State == AlertState.Firing)
        {
            if (instance.Silenced != muted)
            {
                instance.Silenced = muted;
                // A silence that expires over a firing alert lets it through, as Alertmanager does.
                send = muted || before.LastNotifiedAt is not null ? null : AlertEvent.Firing;
            }
            else if (!muted && instance.RepeatDue(now))
            {
                send = AlertEvent.Repeat;
            }
        }
        if (!changed && send is null && instance.Silenced == before.Silenced)
        {
            return;
        }

        if (!staged.TryGetValue(instance, out var entry))
        {
            // The first change since the last write: its "before" is what PostgreSQL holds.
            entry = new StagedTransition(instance, before);
            staged[instance] = entry;
        }
        if (changed)
        {
            entry.History.Add(new(before.State, instance.State, instance.Value, instance.Silenced));
        }
        if (send is not null && rule.HasWebhook)
        {
            instance.LastNotifiedAt = now;
            entry.Notifications.Add(notifications.Create(rule, new AlertEvent(send, instance.SeriesId, instance.Labels, instance.Value, instance.ActiveAt, instance.FiredAt, instance.ResolvedAt)));
        }
    }

    /// <summary>
    /// Writes every staged change (state, history, outbox) in one transaction. When another replica changed an alert
    /// first, its stored state is taken over instead and nothing is sent twice; when the write fails, every staged
    /// instance goes back to what PostgreSQL holds.
    /// </summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
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
                LogLostRace(instance.Rule.Id, instance.SeriesId, AlertStore.Name(instance.State));
                continue;
            }
            foreach (var change in entry.History)
            {
                metrics.Transitioned(instance.Rule.Kind.ToWire(), AlertStore.Name(change.To));
                LogStateChanged(instance.Rule.Id, instance.SeriesId, AlertStore.Name(change.From), AlertStore.Name(change.To), change.Value, change.Silenced);
            }
            notified |= entry.Notifications.Count > 0;
        }
        if (notified)
        {
            dispatcher.Wake();
        }
    }
}
