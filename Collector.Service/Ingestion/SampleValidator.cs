using Google.Protobuf.Collections;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>
/// Checks one sample against the data contract and normalises it in place: labels sorted by name,
/// series id computed. Returns the refusal, or null when the sample is accepted.
/// </summary>
public sealed class SampleValidator(IOptions<IngestOptions> options, TimeProvider clock)
{
    public const int MaxMetricLength = 200;
    public const int MaxUnitLength = 32;

    /// <summary>How much of an offending label name an error repeats: a refusal must not echo a megabyte back.</summary>
    private const int MaxNameInField = 64;

    public SampleError? Normalize(int index, Sample sample)
    {
        var error = CheckSeries(index, sample) ?? CheckPoint(index, sample);
        if (error is null)
        {
            Complete(sample);
        }
        return error;
    }

    /// <summary>
    /// A series as every one of its samples shares it, checked and normalised once: the prototype's labels sorted, its
    /// kind and series id set, or the refusal each of its samples gets (at index 0: <see cref="PreparedSeries.RefusalAt"/>).
    /// A sample made from it needs only <see cref="CheckPoint"/>, and is then what <see cref="Normalize"/> makes of it.
    /// </summary>
    public PreparedSeries Prepare(string metric, IReadOnlyList<Label> labels, Temporality temporality)
    {
        var prototype = new Sample { Metric = metric, Temporality = temporality };
        prototype.Labels.AddRange(labels);
        var refusal = CheckSeries(0, prototype);
        if (refusal is null)
        {
            Complete(prototype);
        }
        return new PreparedSeries(prototype, refusal);
    }

    /// <summary>What the samples of a series share: the metric and the labels (sorted in place). Null when they pass.</summary>
    private SampleError? CheckSeries(int index, Sample sample)
    {
        if (string.IsNullOrEmpty(sample.Metric))
        {
            return new(index, "metric", "is required");
        }
        if (sample.Metric.Length > MaxMetricLength)
        {
            return new(index, "metric", $"is longer than {MaxMetricLength} characters");
        }
        if (!IsMetricName(sample.Metric))
        {
            return new(index, "metric", "must match [a-zA-Z_:][a-zA-Z0-9_:]*");
        }
        if (sample.Labels.Count > options.Value.MaxLabels)
        {
            return new(index, "labels", $"has {sample.Labels.Count} labels; at most {options.Value.MaxLabels} are allowed");
        }
        return CheckLabels(index, sample);
    }

    /// <summary>A sample's own fields: its value, unit and timestamp (0 becomes now). Null when they pass.</summary>
    public SampleError? CheckPoint(int index, Sample sample)
    {
        if (!double.IsFinite(sample.Value))
        {
            return new(index, "value", "must be a finite number (not NaN or infinity)");
        }
        if (sample.Unit.Length > MaxUnitLength)
        {
            return new(index, "unit", $"is longer than {MaxUnitLength} characters");
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (sample.TimestampUnixMs == 0)
        {
            sample.TimestampUnixMs = now;
        }
        else if (sample.TimestampUnixMs < now - (long)options.Value.MaxPastSkew.TotalMilliseconds)
        {
            return new(index, "timestamp", $"is more than {options.Value.MaxPastSkew} in the past");
        }
        else if (sample.TimestampUnixMs > now + (long)options.Value.MaxFutureSkew.TotalMilliseconds)
        {
            return new(index, "timestamp", $"is more than {options.Value.MaxFutureSkew} in the future");
        }
        return null;
    }

    private static void Complete(Sample sample)
    {
        if (sample.Kind == MetricKind.Unspecified)
        {
            sample.Kind = MetricKind.Gauge;
        }
        sample.SeriesId = SeriesId.Compute(sample.Metric, sample.Labels);
    }

    /// <summary>The field of an error about a label, with the name cut short when it is long.</summary>
    public static string LabelField(string name) => "labels." + (name.Length <= MaxNameInField ? name : name[..MaxNameInField] + "...");

    private SampleError? CheckLabels(int index, Sample sample)
    {
        var limits = options.Value;
        SortByName(sample.Labels);
        for (var i = 0; i < sample.Labels.Count; i++)
        {
            var label = sample.Labels[i];
            if (label.Name.Length > limits.MaxLabelNameLength)
            {
                return new(index, LabelField(label.Name), $"label name is longer than {limits.MaxLabelNameLength} characters");
            }
            if (string.IsNullOrEmpty(label.Name) || !IsLabelName(label.Name))
            {
                return new(index, LabelField(label.Name), "label name must match [a-zA-Z_][a-zA-Z0-9_]*");
            }
            if (i > 0 && label.Name == sample.Labels[i - 1].Name)
            {
                return new(index, LabelField(label.Name), "label name appears twice");
            }
            if (label.Value.Length > limits.MaxLabelValueLength)
            {
                return new(index, LabelField(label.Name), $"label value is longer than {limits.MaxLabelValueLength} characters");
            }
        }
        return null;
    }

    /// <summary>In place and without allocating (a stable insertion sort): labels are few and usually arrive sorted.</summary>
    private static void SortByName(RepeatedField<Label> labels)
    {
        for (var i = 1; i < labels.Count; i++)
        {
            var label = labels[i];
            var j = i;
            for (; j > 0 && string.CompareOrdinal(labels[j - 1].Name, label.Name) > 0; j--)
            {
                labels[j] = labels[j - 1];
            }
            labels[j] = label;
        }
    }

    private static bool IsMetricName(string name)
    {
        if (!(char.IsAsciiLetter(name[0]) || name[0] is '_' or ':'))
        {
            return false;
        }
        foreach (var c in name.AsSpan(1))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or ':'))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsLabelName(string name)
    {
        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }
        foreach (var c in name.AsSpan(1))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }
        return true;
    }
}
