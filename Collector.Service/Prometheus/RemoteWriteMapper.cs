using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.Prometheus;
using Label = PerfMonitor.Contracts.V1.Label;
using Sample = PerfMonitor.Contracts.V1.Sample;
using Temporality = PerfMonitor.Contracts.V1.Temporality;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>
/// One sample per (series, sample) of a WriteRequest: __name__ becomes the metric, the other labels stay labels.
/// Every sample is marked cumulative: remote write carries no metric types, and nothing Prometheus counts is a delta
/// (its counters and histogram buckets are running totals), so whatever is read as a counter is read as one.
/// Staleness markers (a NaN with a reserved bit pattern) say a series vanished; they carry no value and are skipped.
/// A series with more labels than a sample may have is refused sample by sample without copying its labels into
/// each: a few kilobytes of labels times thousands of samples would otherwise be gigabytes.
/// </summary>
public static class RemoteWriteMapper
{
    public const ulong StaleNaNBits = 0x7ff0000000000002;

    public static (List<Sample> Samples, List<SampleError> Errors) Map(WriteRequest write, int maxLabels)
    {
        var samples = new List<Sample>(CountSamples(write));
        var errors = new List<SampleError>();
        foreach (var series in write.Timeseries)
        {
            if (series.Labels.Count > maxLabels + 1)
            {
                RefuseSeries(series, maxLabels, samples, errors);
                continue;
            }
            var metric = "";
            var labels = new List<Label>(series.Labels.Count);
            foreach (var label in series.Labels)
            {
                if (label.Name == "__name__")
                {
                    metric = label.Value;
                }
                else
                {
                    labels.Add(new Label { Name = label.Name, Value = label.Value });
                }
            }
            foreach (var point in series.Samples)
            {
                if (BitConverter.DoubleToUInt64Bits(point.Value) == StaleNaNBits)
                {
                    continue;
                }
                var sample = new Sample { Metric = metric, Value = point.Value, TimestampUnixMs = point.Timestamp, Temporality = Temporality.Cumulative };
                // The series' samples share its Label objects: nothing after this changes a label, only the order of a
                // sample's own list, and a copy per sample was a third of the request's allocations.
                sample.Labels.AddRange(labels);
                if (metric.Length == 0)
                {
                    errors.Add(new SampleError(samples.Count, "labels.__name__", "the series has no __name__ label"));
                }
                samples.Add(sample);
            }
        }
        return (samples, errors);
    }

    private static int CountSamples(WriteRequest write)
    {
        var count = 0;
        foreach (var series in write.Timeseries)
        {
            count += series.Samples.Count;
        }
        return count;
    }

    private static void RefuseSeries(TimeSeries series, int maxLabels, List<Sample> samples, List<SampleError> errors)
    {
        var metric = series.Labels.FirstOrDefault(l => l.Name == "__name__")?.Value ?? "";
        var reason = $"has {series.Labels.Count} labels; at most {maxLabels} are allowed besides __name__";
        foreach (var point in series.Samples.Where(p => BitConverter.DoubleToUInt64Bits(p.Value) != StaleNaNBits))
        {
            errors.Add(new SampleError(samples.Count, "labels", reason));
            samples.Add(new Sample { Metric = metric, Value = point.Value, TimestampUnixMs = point.Timestamp });
        }
    }
}
