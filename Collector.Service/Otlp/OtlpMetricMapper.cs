using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.Otlp.Common;
using PerfMonitor.Contracts.Otlp.Metrics;
using PerfMonitor.Contracts.V1;
using Label = PerfMonitor.Contracts.V1.Label;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// Maps an OTLP export request onto samples, the way Prometheus exposes the same data: gauges and non-monotonic
/// sums as gauges, monotonic sums as counters, histograms as _count/_sum/_min/_max and cumulative _bucket{le},
/// summaries as _count/_sum and {quantile}; counters and histograms keep the exporter's temporality. Each sample
/// remembers the data point it came from, so refusals are reported per data point as OTLP's partial success asks. The samples are counted before each point is mapped:
/// past <see cref="IngestOptions.MaxSamplesPerRequest"/> the rest of the points are refused, not made (a histogram
/// of a million buckets is a million samples).
/// </summary>
public sealed class OtlpMetricMapper(IngestOptions limits)
{
    private const uint NoRecordedValue = (uint)DataPointFlags.NoRecordedValueMask;
    private readonly OtlpLabels labels = new(limits);

    public OtlpMapping Map(ExportMetricsServiceRequest request)
    {
        var mapping = new OtlpMapping(limits.MaxSamplesPerRequest);
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = resourceMetrics.Resource?.Attributes ?? [];
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var context = labels.Context(resource, scopeMetrics.Scope?.Attributes ?? []);
                foreach (var metric in scopeMetrics.Metrics)
                {
                    MapMetric(metric, context, mapping);
                }
            }
        }
        return mapping;
    }

    private void MapMetric(Metric metric, OtlpLabelContext context, OtlpMapping mapping)
    {
        var name = MetricNames.Metric(metric.Name);
        var unit = metric.Unit.Length <= SampleValidator.MaxUnitLength ? metric.Unit : "";
        var first = mapping.Samples.Count;
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                foreach (var point in metric.Gauge.DataPoints)
                {
                    AddNumber(mapping, name, unit, MetricKind.Gauge, point, context);
                }
                break;
            case Metric.DataOneofCase.Sum:
                var kind = metric.Sum.IsMonotonic ? MetricKind.Counter : MetricKind.Gauge;
                foreach (var point in metric.Sum.DataPoints)
                {
                    AddNumber(mapping, name, unit, kind, point, context);
                }
                break;
            case Metric.DataOneofCase.Histogram:
                foreach (var point in metric.Histogram.DataPoints)
                {
                    AddHistogram(mapping, name, unit, point, context);
                }
                break;
            case Metric.DataOneofCase.ExponentialHistogram:
                foreach (var point in metric.ExponentialHistogram.DataPoints)
                {
                    AddExponentialHistogram(mapping, name, unit, point, context);
                }
                break;
            case Metric.DataOneofCase.Summary:
                foreach (var point in metric.Summary.DataPoints)
                {
                    AddSummary(mapping, name, unit, point, context);
                }
                break;
            default:
                mapping.AddUnmapped($"metric {metric.Name} has no data");
                break;
        }
        if (TemporalityOf(metric) is var temporality and not Temporality.Unspecified)
        {
            for (var i = first; i < mapping.Samples.Count; i++)
            {
                mapping.Samples[i].Temporality = temporality;
            }
        }
    }

    /// <summary>
    /// Whether a counter's or histogram's points are running totals or increments since the previous export, as the
    /// exporter says. Gauges (and non-monotonic sums, which map to gauges) and summaries have none.
    /// </summary>
    private static Temporality TemporalityOf(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Sum when metric.Sum.IsMonotonic => TemporalityOf(metric.Sum.AggregationTemporality),
        Metric.DataOneofCase.Histogram => TemporalityOf(metric.Histogram.AggregationTemporality),
        Metric.DataOneofCase.ExponentialHistogram => TemporalityOf(metric.ExponentialHistogram.AggregationTemporality),
        _ => Temporality.Unspecified,
    };

    private static Temporality TemporalityOf(AggregationTemporality temporality) => temporality switch
    {
        AggregationTemporality.Delta => Temporality.Delta,
        AggregationTemporality.Cumulative => Temporality.Cumulative,
        _ => Temporality.Unspecified,
    };

    private void AddNumber(OtlpMapping mapping, string name, string unit, MetricKind kind, NumberDataPoint point, OtlpLabelContext context)
    {
        var index = mapping.Points++;
        if ((point.Flags & NoRecordedValue) != 0 || !mapping.Reserve(1))
        {
            return;
        }
        var value = point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;
        mapping.Add(index, Sample(name, unit, kind, labels.ForPoint(point.Attributes, context, reserve: 0), value, point.TimeUnixNano));
    }

    private void AddHistogram(OtlpMapping mapping, string name, string unit, HistogramDataPoint point, OtlpLabelContext context)
    {
        var index = mapping.Points++;
        if ((point.Flags & NoRecordedValue) != 0 || !mapping.Reserve(Aggregates(point.HasSum, point.HasMin, point.HasMax) + point.BucketCounts.Count))
        {
            return;
        }
        var pointLabels = labels.ForPoint(point.Attributes, context, reserve: 1);
        AddAggregates(mapping, index, name, unit, MetricKind.Histogram, pointLabels, point.TimeUnixNano, point.Count,
            point.HasSum ? point.Sum : null, point.HasMin ? point.Min : null, point.HasMax ? point.Max : null);

        ulong cumulative = 0;
        for (var i = 0; i < point.BucketCounts.Count; i++)
        {
            cumulative += point.BucketCounts[i];
            var bound = i < point.ExplicitBounds.Count ? point.ExplicitBounds[i] : double.PositiveInfinity;
            mapping.Add(index, Sample(name + "_bucket", unit, MetricKind.Histogram, With(pointLabels, "le", MetricNames.Number(bound)), cumulative, point.TimeUnixNano));
        }
    }

    private void AddExponentialHistogram(OtlpMapping mapping, string name, string unit, ExponentialHistogramDataPoint point, OtlpLabelContext context)
    {
        var index = mapping.Points++;
        // The zero bucket and +Inf are one sample each at most.
        var samples = Aggregates(point.HasSum, point.HasMin, point.HasMax) + 2 + (point.Positive?.BucketCounts.Count ?? 0);
        if ((point.Flags & NoRecordedValue) != 0 || !mapping.Reserve(samples))
        {
            return;
        }
        var pointLabels = labels.ForPoint(point.Attributes, context, reserve: 1);
        AddAggregates(mapping, index, name, unit, MetricKind.Histogram, pointLabels, point.TimeUnixNano, point.Count,
            point.HasSum ? point.Sum : null, point.HasMin ? point.Min : null, point.HasMax ? point.Max : null);

        // Bucket i of scale s covers (base^i, base^(i+1)] with base = 2^(2^-s); negative values and the zero bucket
        // all lie at or below the zero threshold, so they open the cumulative series under one `le`.
        var bucketBase = Math.Pow(2, Math.Pow(2, -point.Scale));
        var cumulative = point.ZeroCount + (point.Negative?.BucketCounts.Aggregate(0UL, (sum, c) => sum + c) ?? 0);
        if (cumulative > 0)
        {
            mapping.Add(index, Sample(name + "_bucket", unit, MetricKind.Histogram, With(pointLabels, "le", MetricNames.Number(point.ZeroThreshold)), cumulative, point.TimeUnixNano));
        }
        if (point.Positive is { } positive)
        {
            for (var i = 0; i < positive.BucketCounts.Count; i++)
            {
                cumulative += positive.BucketCounts[i];
                var upper = Math.Pow(bucketBase, positive.Offset + i + 1);
                mapping.Add(index, Sample(name + "_bucket", unit, MetricKind.Histogram, With(pointLabels, "le", MetricNames.Number(upper)), cumulative, point.TimeUnixNano));
            }
        }
        mapping.Add(index, Sample(name + "_bucket", unit, MetricKind.Histogram, With(pointLabels, "le", "+Inf"), point.Count, point.TimeUnixNano));
    }

    private void AddSummary(OtlpMapping mapping, string name, string unit, SummaryDataPoint point, OtlpLabelContext context)
    {
        var index = mapping.Points++;
        if ((point.Flags & NoRecordedValue) != 0 || !mapping.Reserve(Aggregates(hasSum: true, hasMin: false, hasMax: false) + point.QuantileValues.Count))
        {
            return;
        }
        var pointLabels = labels.ForPoint(point.Attributes, context, reserve: 1);
        AddAggregates(mapping, index, name, unit, MetricKind.Summary, pointLabels, point.TimeUnixNano, point.Count, point.Sum, null, null);
        foreach (var quantile in point.QuantileValues)
        {
            mapping.Add(index, Sample(name, unit, MetricKind.Summary, With(pointLabels, "quantile", MetricNames.Number(quantile.Quantile)), quantile.Value, point.TimeUnixNano));
        }
    }

    /// <summary>The _count sample and those of sum, min and max that are present.</summary>
    private static int Aggregates(bool hasSum, bool hasMin, bool hasMax) => 1 + (hasSum ? 1 : 0) + (hasMin ? 1 : 0) + (hasMax ? 1 : 0);

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
}
