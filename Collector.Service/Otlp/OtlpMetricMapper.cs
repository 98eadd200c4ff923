using System.Globalization;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.Otlp.Common;
using PerfMonitor.Contracts.Otlp.Metrics;
using PerfMonitor.Contracts.V1;
using Label = PerfMonitor.Contracts.V1.Label;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// Maps an OTLP export request onto samples, the way Prometheus exposes the same data: gauges and non-monotonic
/// sums as gauges, monotonic sums as counters, histograms as _count/_sum/_min/_max and cumulative _bucket{le},
/// summaries as _count/_sum and {quantile}. Each sample remembers the data point it came from, so refusals are
/// reported per data point as OTLP's partial success asks.
/// </summary>
public sealed class OtlpMetricMapper(IngestOptions limits)
{
    private const uint NoRecordedValue = (uint)DataPointFlags.NoRecordedValueMask;

    public OtlpMapping Map(ExportMetricsServiceRequest request)
    {
        var mapping = new OtlpMapping();
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = resourceMetrics.Resource?.Attributes ?? [];
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = scopeMetrics.Scope?.Attributes ?? [];
                foreach (var metric in scopeMetrics.Metrics)
                {
                    MapMetric(metric, resource, scope, mapping);
                }
            }
        }
        return mapping;
    }

    private void MapMetric(Metric metric, IList<KeyValue> resource, IList<KeyValue> scope, OtlpMapping mapping)
    {
        var name = MetricNames.Metric(metric.Name);
        var unit = metric.Unit.Length <= SampleValidator.MaxUnitLength ? metric.Unit : "";
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                foreach (var point in metric.Gauge.DataPoints)
                {
                    AddNumber(mapping, name, unit, MetricKind.Gauge, point, resource, scope);
                }
                break;
            case Metric.DataOneofCase.Sum:
                var kind = metric.Sum.IsMonotonic ? MetricKind.Counter : MetricKind.Gauge;
                foreach (var point in metric.Sum.DataPoints)
                {
                    AddNumber(mapping, name, unit, kind, point, resource, scope);
                }
                break;
            case Metric.DataOneofCase.Histogram:
                foreach (var point in metric.Histogram.DataPoints)
                {
                    AddHistogram(mapping, name, unit, point, resource, scope);
                }
                break;
            case Metric.DataOneofCase.ExponentialHistogram:
                foreach (var point in metric.ExponentialHistogram.DataPoints)
                {
                    AddExponentialHistogram(mapping, name, unit, point, resource, scope);
                }
                break;
            case Metric.DataOneofCase.Summary:
                foreach (var point in metric.Summary.DataPoints)
                {
                    AddSummary(mapping, name, unit, point, resource, scope);
                }
                break;
            default:
                mapping.Unmapped.Add($"metric {metric.Name} has no data");
                mapping.Points++;
                break;
        }
    }

    private void AddNumber(OtlpMapping mapping, string name, string unit, MetricKind kind, NumberDataPoint point, IList<KeyValue> resource, IList<KeyValue> scope)
    {
        var index = mapping.Points++;
        if ((point.Flags & NoRecordedValue) != 0)
        {
            return;
        }
        var value = point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;
        var labels = Labels(point.Attributes, scope, resource, reserve: 0);
        mapping.Add(index, Sample(name, unit, kind, labels, value, point.TimeUnixNano));
    }

    private void AddHistogram(OtlpMapping mapping, string name, string unit, HistogramDataPoint point, IList<KeyValue> resource, IList<KeyValue> scope)
    {
        var index = mapping.Points++;
        if ((point.Flags & NoRecordedValue) != 0)
        {
            return;
        }
        var labels = Labels(point.Attributes, scope, resource, reserve: 1);
        AddAggregates(mapping, index, name, unit, MetricKind.Histogram, labels, point.TimeUnixNano, point.Count,
            point.HasSum ? point.Sum : null, point.HasMin ? point.Min : null, point.HasMax ? point.Max : null);

        ulong cumulative = 0;
        for (var i = 0; i < point.BucketCounts.Count; i++)
        {
            cumulative += point.BucketCounts[i];
            var bound = i < point.ExplicitBounds.Count ? point.ExplicitBounds[i] : double.PositiveInfinity;
            mapping.Add(index, Sample(name + "_bucket", unit, MetricKind.Histogram, With(labels, "le", MetricNames.Number(bound)), cumulative, point.TimeUnixNano));
        }
    }

    private void AddExponentialHistogram(OtlpMapping mapping, string name, string unit, ExponentialHistogramDataPoint point, IList<KeyValue> resource, IList<KeyValue> scope)
    {
        var index = mapping.Points++;
        if ((point.Flags & NoRecordedValue) != 0)
        {
            return;
        }
        var labels = Labels(point.Attributes, scope, resource, reserve: 1);
        AddAggregates(mapping, index, name, unit, MetricKind.Histogram, labels, point.TimeUnixNano, point.Count,
            point.HasSum ? point.Sum : null, point.HasMin ? point.Min : null, point.HasMax ? point.Max : null);

        // Bucket i of scale s covers (base^i, base^(i+1)] with base = 2^(2^-s); negative values and the zero bucket
        // all lie at or below the zero threshold, so they open the cumulative series under one `le`.
        var bucketBase = Math.Pow(2, Math.Pow(2, -point.Scale));
        var cumulative = point.ZeroCount + (point.Negative?.BucketCounts.Aggregate(0UL, (sum, c) => sum + c) ?? 0);
        if (cumulative > 0)
        {
            mapping.Add(index, Sample(name + "_bucket", unit, MetricKind.Histogram, With(labels, "le", MetricNames.Number(point.ZeroThreshold)), cumulative, point.TimeUnixNano));
        }
        if (point.Positive is { } positive)
        {
            for (var i = 0; i < positive.BucketCounts.Count; i++)
            {
                cumulative += positive.BucketCounts[i];
                var upper = Math.Pow(bucketBase, positive.Offset + i + 1);
                mapping.Add(index, Sample(name + "_bucket", unit, MetricKind.Histogram, With(labels, "le", MetricNames.Number(upper)), cumulative, point.TimeUnixNano));
            }
        }
        mapping.Add(index, Sample(name + "_bucket", unit, MetricKind.Histogram, With(labels, "le", "+Inf"), point.Count, point.TimeUnixNano));
    }

    private void AddSummary(OtlpMapping mapping, string name, string unit, SummaryDataPoint point, IList<KeyValue> resource, IList<KeyValue> scope)
    {
        var index = mapping.Points++;
        if ((point.Flags & NoRecordedValue) != 0)
        {
            return;
        }
        var labels = Labels(point.Attributes, scope, resource, reserve: 1);
        AddAggregates(mapping, index, name, unit, MetricKind.Summary, labels, point.TimeUnixNano, point.Count, point.Sum, null, null);
        foreach (var quantile in point.QuantileValues)
        {
            mapping.Add(index, Sample(name, unit, MetricKind.Summary, With(labels, "quantile", MetricNames.Number(quantile.Quantile)), quantile.Value, point.TimeUnixNano));
        }
    }

    private static void AddAggregates(OtlpMapping mapping, int index, string name, string unit, MetricKind kind, List<Label> labels,
        ulong timeUnixNano, ulong count, double? sum, double? min, double? max)
    {
        mapping.Add(index, Sample(name + "_count", "", kind, labels, count, timeUnixNano));
        if (sum is { } s)
        {
            mapping.Add(index, Sample(name + "_sum", unit, kind, labels, s, timeUnixNano));
        }
        if (min is { } lowest)
        {
            mapping.Add(index, Sample(name + "_min", unit, kind, labels, lowest, timeUnixNano));
        }
        if (max is { } highest)
        {
            mapping.Add(index, Sample(name + "_max", unit, kind, labels, highest, timeUnixNano));
        }
    }

    /// <summary>
    /// Data point attributes first, then service.name, then scope and the other resource attributes, until the label
    /// limit (less <paramref name="reserve"/> for le or quantile) is reached: what identifies the series wins.
    /// </summary>
    private List<Label> Labels(IList<KeyValue> point, IList<KeyValue> scope, IList<KeyValue> resource, int reserve)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var room = limits.MaxLabels - reserve;
        void Take(IEnumerable<KeyValue> attributes)
        {
            foreach (var attribute in attributes)
            {
                if (labels.Count >= room)
                {
                    return;
                }
                // A key too long for a label name is left out, as attributes beyond the label limit are: the point stays.
                if (attribute.Key.Length == 0 || attribute.Key.Length > limits.MaxLabelNameLength)
                {
                    continue;
                }
                var name = MetricNames.Label(attribute.Key);
                if (name.Length <= limits.MaxLabelNameLength && !labels.ContainsKey(name))
                {
                    labels[name] = Text(attribute.Value);
                }
            }
        }
        Take(point);
        Take(resource.Where(a => a.Key == "service.name"));
        Take(scope);
        Take(resource);
        return labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new Label { Name = l.Key, Value = Truncate(l.Value) }).ToList();
    }

    private static List<Label> With(List<Label> labels, string name, string value)
    {
        var copy = new List<Label>(labels.Count + 1);
        copy.AddRange(labels.Where(l => l.Name != name));
        copy.Add(new Label { Name = name, Value = value });
        return copy;
    }

    private static Sample Sample(string metric, string unit, MetricKind kind, List<Label> labels, double value, ulong timeUnixNano)
    {
        var sample = new Sample
        {
            Metric = metric,
            Unit = unit,
            Kind = kind,
            Value = value,
            TimestampUnixMs = (long)(timeUnixNano / 1_000_000),
        };
        foreach (var label in labels)
        {
            sample.Labels.Add(label.Clone());
        }
        return sample;
    }

    private string Truncate(string value) => value.Length <= limits.MaxLabelValueLength ? value : value[..limits.MaxLabelValueLength];

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => MetricNames.Number(value.DoubleValue),
        AnyValue.ValueOneofCase.BytesValue => Convert.ToHexStringLower(value.BytesValue.Span),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(",", value.ArrayValue.Values.Select(Text)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(",", value.KvlistValue.Values.Select(kv => kv.Key + "=" + Text(kv.Value))) + "}",
        _ => "",
    };
}
