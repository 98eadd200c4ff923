using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using AlertRule = PerfMonitor.Alerting.Rules.AlertRule;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// The sample path: samples of perfmon.samples.v1 records against the threshold and absence rules on their metric.
/// Samples are looked up by metric in the rule index before anything else of them is read, and labels are decoded once
/// per new series. Only state changes go on to the next stage; un-muting and reminders are the tick's business.
/// A grouped rule's samples are not evaluated where they are read: this replica holds only the series of its partitions,
/// so they are re-keyed by (rule, group) and evaluated by the replica that owns the group (<see cref="GroupForwarder"/>).
/// </summary>
public sealed partial class SampleEvaluator(
    AlertInstances instances,
    SampleRules sampleRules,
    GroupForwarder forwarder,
    EvaluationMetrics metrics,
    IOptions<AlertingOptions> options,
    ILogger<SampleEvaluator> logger)
{
    /// <summary>
    /// The samples of these records that some enabled rule names, with those rules and the index they were found in. Reads
    /// no state, so it runs outside the engine's gate. A record that is not a well-formed batch is skipped and counted.
    /// Null when no rule reads samples.
    /// </summary>
    public (MetricRuleIndex Index, List<(EncodedSample Sample, AlertRule[] Rules)>? Matched) Read(IReadOnlyList<ReadOnlyMemory<byte>> records)
    {
        var index = sampleRules.Current;
        if (index.IsEmpty || records.Count == 0)
        {
            return (index, null);
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
        return (index, matched);
    }

    /// <summary>Evaluates the samples of per-series rules and returns those of grouped rules, to be forwarded.</summary>
    public IReadOnlyCollection<GroupedSamples> Evaluate(MetricRuleIndex index, List<(EncodedSample Sample, AlertRule[] Rules)> matched, DateTimeOffset now)
    {
        var grouped = new GroupBatch();
        foreach (var (sample, rules) in matched)
        {
            Observe(index, sample, rules, grouped, now);
        }
        return grouped.Groups;
    }

    public Task ForwardAsync(IReadOnlyCollection<GroupedSamples> groups, CancellationToken cancellationToken) => forwarder.SendAsync(groups, cancellationToken);

    /// <summary>The whole group's samples, as forwarded by every replica that read some of them, on the group's instance.</summary>
    public void EvaluateGroups(IReadOnlyList<GroupedSamples> groups, DateTimeOffset now)
    {
        foreach (var group in groups)
        {
            // A rule deleted, disabled or regrouped since the samples were read: its instances end on the tick.
            if (sampleRules.Enabled(group.RuleId) is not { IsGrouped: true } rule)
            {
                continue;
            }
            if (!instances.TryGet(rule.Id, group.GroupId, out var instance))
            {
                instance = instances.For(rule, group.GroupId, group.GroupLabels, now);
            }
            foreach (var sample in group.Samples)
            {
                Apply(instance, rule, new EncodedSample(0, sample.Value, sample.TimestampUnixMs, default, sample.Temporality), sample.SeriesId, sample.InNumerator, now);
            }
        }
    }

    private void Observe(MetricRuleIndex index, EncodedSample encoded, AlertRule[] sampleRules, GroupBatch grouped, DateTimeOffset now)
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
            if (rule.IsGrouped)
            {
                grouped.Add(rule, match, storageId, encoded);
                continue;
            }
            if (!instances.TryGet(rule.Id, match.InstanceId, out var instance))
            {
                instance = instances.For(rule, match.InstanceId, labels ??= LabelsOf(decoded ??= encoded.Decode()), now);
            }
            Apply(instance, rule, encoded, storageId, match.InNumerator, now);
        }
    }

    private void Apply(AlertInstance instance, AlertRule rule, in EncodedSample sample, long seriesId, bool inNumerator, DateTimeOffset now)
    {
        instances.Adopt(instance, rule, now);
        instance.Seen(now);
        var before = instance.Snapshot();
        var changed = rule.Kind == RuleKind.Absence
            ? instance.State is AlertState.Pending or AlertState.Firing && instance.Apply(false, true, 0, now)
            : instance.Observe(sample, seriesId, inNumerator, now, options.Value.MinEvaluationInterval);
        if (changed)
        {
            instances.Report(instance, before, changed, now);
        }
    }

    private static Dictionary<string, string> LabelsOf(Sample sample) => sample.Labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a perfmon.samples.v1 record of {Length} bytes that is not a well-formed sample batch")]
    private partial void LogBadRecord(Exception exception, int length);
}
