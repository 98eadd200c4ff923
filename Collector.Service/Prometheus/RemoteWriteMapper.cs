using System.Buffers.Binary;
using System.Text;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.Wire;
using Label = PerfMonitor.Contracts.V1.Label;
using Sample = PerfMonitor.Contracts.V1.Sample;
using Temporality = PerfMonitor.Contracts.V1.Temporality;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>
/// One sample per (series, sample) of a remote-write <c>prometheus.WriteRequest</c>, read in place from its protobuf
/// bytes: __name__ becomes the metric, the other labels stay labels. A series' labels are decoded once and kept in the
/// <see cref="SeriesLabelCache"/> under their wire bytes: remote write resends every series every request, and the
/// label strings were most of what a request allocated.
/// Each series is checked, normalised and encoded once for all its samples (<see cref="PreparedSeries"/>, kept with the
/// cached labels), so a sample costs its value and timestamp only.
/// Every sample is marked cumulative: remote write carries no metric types, and nothing Prometheus counts is a delta
/// (its counters and histogram buckets are running totals), so whatever is read as a counter is read as one.
/// Staleness markers (a NaN with a reserved bit pattern) say a series vanished; they carry no value and are skipped.
/// A series with more labels than a sample may have is refused sample by sample without copying its labels into
/// each: a few kilobytes of labels times thousands of samples would otherwise be gigabytes.
/// Throws <see cref="InvalidDataException"/> on bytes that are not a WriteRequest, and an <see cref="ArgumentException"/>
/// on a string that is not UTF-8, as the protobuf library does.
/// </summary>
public static class RemoteWriteMapper
{
    public const ulong StaleNaNBits = 0x7ff0000000000002;

    // Tags (field number << 3 | wire type) from prometheus/prompb: WriteRequest.timeseries, TimeSeries.labels and
    // .samples, Label.name and .value, Sample.value and .timestamp. Other fields (metadata, exemplars, histograms) are
    // skipped, as the receiver always did.
    private const uint TimeseriesTag = (1u << 3) | ProtoWire.LengthDelimited;
    private const uint LabelsTag = (1u << 3) | ProtoWire.LengthDelimited;
    private const uint SamplesTag = (2u << 3) | ProtoWire.LengthDelimited;
    private const uint NameTag = (1u << 3) | ProtoWire.LengthDelimited;
    private const uint ValueTag = (2u << 3) | ProtoWire.LengthDelimited;
    private const uint PointValueTag = (1u << 3) | ProtoWire.Fixed64;
    private const uint PointTimestampTag = (2u << 3) | ProtoWire.Varint;
    private const string NameLabel = "__name__";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The request's samples and the refusals found while reading it, with, per sample (same index), the series it was
    /// made from (checked and normalised once, <see cref="PreparedSeries"/>) or null for a sample already refused here.
    /// </summary>
    public static (List<Sample> Samples, List<SampleError> Errors, List<PreparedSeries?> Series) Map(
        ReadOnlySpan<byte> write, int maxLabels, SeriesLabelCache cache, SampleValidator validator)
    {
        var mapped = (Samples: new List<Sample>(), Errors: new List<SampleError>(), Series: new List<PreparedSeries?>());
        var position = 0;
        while (ProtoWire.NextMessage(write, ref position, TimeseriesTag, out var series))
        {
            MapSeries(series, maxLabels, cache, validator, mapped);
        }
        return mapped;
    }

    private static void MapSeries(ReadOnlySpan<byte> series, int maxLabels, SeriesLabelCache cache, SampleValidator validator,
        (List<Sample> Samples, List<SampleError> Errors, List<PreparedSeries?> Series) mapped)
    {
        var labels = Labels(series, maxLabels, cache);
        var refusal = labels.WireCount > maxLabels + 1 ? $"has {labels.WireCount} labels; at most {maxLabels} are allowed besides {NameLabel}" : null;
        var prepared = refusal is null && labels.Metric.Length > 0 ? labels.Prepare(validator) : null;
        var position = 0;
        while (ProtoWire.NextMessage(series, ref position, SamplesTag, out var point))
        {
            var (value, timestamp) = ReadPoint(point);
            if (BitConverter.DoubleToUInt64Bits(value) == StaleNaNBits)
            {
                continue;
            }
            if (prepared is not null)
            {
                mapped.Samples.Add(prepared.NewSample(value, timestamp));
                mapped.Series.Add(prepared);
                continue;
            }
            var sample = new Sample { Metric = labels.Metric, Value = value, TimestampUnixMs = timestamp };
            if (refusal is not null)
            {
                mapped.Errors.Add(new SampleError(mapped.Samples.Count, "labels", refusal));
            }
            else
            {
                sample.Temporality = Temporality.Cumulative;
                sample.Labels.AddRange(labels.Labels);
                mapped.Errors.Add(new SampleError(mapped.Samples.Count, "labels.__name__", "the series has no __name__ label"));
            }
            mapped.Samples.Add(sample);
            mapped.Series.Add(null);
        }
    }

    /// <summary>
    /// The series' labels, from the cache when its label fields were seen before. Senders write a series' labels
    /// together; labels interleaved with samples are decoded every time instead of cached.
    /// </summary>
    private static SeriesLabels Labels(ReadOnlySpan<byte> series, int maxLabels, SeriesLabelCache cache)
    {
        var (start, end, count, contiguous) = (-1, -1, 0, true);
        var position = 0;
        while (position < series.Length)
        {
            var fieldStart = position;
            var tag = ProtoWire.ReadTag(series, ref position);
            ProtoWire.Skip(series, ref position, tag);
            if (tag == LabelsTag)
            {
                count++;
                contiguous &= start < 0 || end == fieldStart;
                start = start < 0 ? fieldStart : start;
                end = position;
            }
        }
        if (count == 0)
        {
            return SeriesLabels.None;
        }
        var key = series[start..end];
        if (contiguous && cache.TryGet(key, out var cached))
        {
            return cached;
        }
        var decoded = Decode(series, count, count > maxLabels + 1);
        if (contiguous && decoded.WireCount <= maxLabels + 1)
        {
            cache.Add(key, decoded);
        }
        return decoded;
    }

    /// <summary>
    /// Decodes a series' labels: the last __name__ is the metric. A refused series keeps only its first __name__, for
    /// the error message, and no labels.
    /// </summary>
    private static SeriesLabels Decode(ReadOnlySpan<byte> series, int count, bool refused)
    {
        string? metric = null;
        var labels = new List<Label>(refused ? 0 : count);
        var position = 0;
        while (ProtoWire.NextMessage(series, ref position, LabelsTag, out var field))
        {
            var label = ReadLabel(field);
            if (label.Name == NameLabel)
            {
                metric = refused ? metric ?? label.Value : label.Value;
            }
            else if (!refused)
            {
                labels.Add(label);
            }
        }
        return new SeriesLabels(metric ?? "", [.. labels], count);
    }

    private static Label ReadLabel(ReadOnlySpan<byte> label)
    {
        var (name, value) = ("", "");
        var position = 0;
        while (position < label.Length)
        {
            var tag = ProtoWire.ReadTag(label, ref position);
            switch (tag)
            {
                case NameTag:
                    name = StrictUtf8.GetString(ProtoWire.Take(label, ref position, ProtoWire.ReadLength(label, ref position)));
                    break;
                case ValueTag:
                    value = StrictUtf8.GetString(ProtoWire.Take(label, ref position, ProtoWire.ReadLength(label, ref position)));
                    break;
                default:
                    ProtoWire.Skip(label, ref position, tag);
                    break;
            }
        }
        return new Label { Name = name, Value = value };
    }

    private static (double Value, long Timestamp) ReadPoint(ReadOnlySpan<byte> point)
    {
        var (value, timestamp) = (0d, 0L);
        var position = 0;
        while (position < point.Length)
        {
            var tag = ProtoWire.ReadTag(point, ref position);
            switch (tag)
            {
                case PointValueTag:
                    value = BinaryPrimitives.ReadDoubleLittleEndian(ProtoWire.Take(point, ref position, sizeof(double)));
                    break;
                case PointTimestampTag:
                    timestamp = (long)ProtoWire.ReadVarint(point, ref position);
                    break;
                default:
                    ProtoWire.Skip(point, ref position, tag);
                    break;
            }
        }
        return (value, timestamp);
    }
}
