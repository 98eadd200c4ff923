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
/// </summary>
public sealed partial class SampleEvaluator(
    AlertInstances instances,
    SampleRules sampleRules,
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

    public void Evaluate(MetricRuleIndex index, List<(EncodedSample Sample, AlertRule[] Rules)> matched, DateTimeOffset now)
    {
        foreach (var (sample, rules) in matched)
        {
            Observe(index, sample, rules, now);
        }
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
            if (!instances.TryGet(rule.Id, match.InstanceId, out var instance))
            {
                instance = instances.For(rule, match.InstanceId, match.GroupLabels ?? (labels ??= LabelsOf(decoded ??= encoded.Decode())), now);
            }
            instances.Adopt(instance, rule, now);
            instance.Seen(now);
            var before = instance.Snapshot();
            var changed = rule.Kind == RuleKind.Absence
                ? instance.State is AlertState.Pending or AlertState.Firing && instance.Apply(false, true, 0, now)
                : instance.Observe(encoded, storageId, match.InNumerator, now, options.Value.MinEvaluationInterval);
            if (changed)
            {
                instances.Report(instance, before, changed, now);
            }
        }
    }

    private static Dictionary<string, string> LabelsOf(Sample sample) => sample.Labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a perfmon.samples.v1 record of {Length} bytes that is not a well-formed sample batch")]
    private partial void LogBadRecord(Exception exception, int length);
}
