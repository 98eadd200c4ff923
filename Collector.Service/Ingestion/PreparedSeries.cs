using PerfMonitor.Collector.Publishing;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>
/// A series checked and normalised once for all its samples (<see cref="SampleValidator.Prepare"/>): the prototype
/// carries the metric, the sorted labels, the kind, the temporality and the series id; or the refusal every sample of the
/// series gets. A receiver that sees the same series request after request (remote write) keeps it, so each sample
/// costs only its own checks (<see cref="SampleValidator.CheckPoint"/>) and the encoding of its value and timestamp.
/// </summary>
public sealed class PreparedSeries(Sample prototype, SampleError? refusal)
{
    public Sample Prototype => prototype;

    public bool Refused => refusal is not null;

    /// <summary>The series' fields encoded once; null for a refused series, whose samples are never published.</summary>
    public SeriesEncoding? Encoding { get; } = refusal is null ? SeriesEncoding.Of(prototype) : null;

    /// <summary>The refusal of the series' sample at <paramref name="index"/> of a request; null when the series passed.</summary>
    public SampleError? RefusalAt(int index) => refusal is null ? null : refusal with { Index = index };

    /// <summary>
    /// A sample of the series: the prototype's fields, sharing its labels (nothing after this changes a label, and the
    /// list is already sorted), with its own value and timestamp.
    /// </summary>
    public Sample NewSample(double value, long timestampUnixMs)
    {
        var sample = new Sample
        {
            SeriesId = prototype.SeriesId,
            Metric = prototype.Metric,
            Value = value,
            TimestampUnixMs = timestampUnixMs,
            Unit = prototype.Unit,
            Kind = prototype.Kind,
            Temporality = prototype.Temporality,
        };
        sample.Labels.AddRange(prototype.Labels);
        return sample;
    }
}
