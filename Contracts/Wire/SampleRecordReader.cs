using System.Buffers.Binary;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Contracts.Wire;

/// <summary>
/// Reads a perfmon.samples.v1 record (a protobuf <see cref="SampleBatch"/>) in place, one encoded sample at a time,
/// without materialising a <see cref="Sample"/>: under load a consumer needs a few scalars of each sample, and decoding
/// its metric and labels into strings was most of the consumers' work. Throws <see cref="InvalidDataException"/> on a
/// record that is not a well-formed batch.
/// </summary>
public ref struct SampleRecordReader
{
    // The tags of the fields read (field number << 3 | wire type), from samples.proto.
    private const uint BatchSamplesTag = (1u << 3) | ProtoWire.LengthDelimited;
    private const uint SeriesIdTag = (1u << 3) | ProtoWire.Fixed64;
    private const uint MetricTag = (2u << 3) | ProtoWire.LengthDelimited;
    private const uint ValueTag = (4u << 3) | ProtoWire.Fixed64;
    private const uint TimestampTag = (5u << 3) | ProtoWire.Varint;
    private const uint KindTag = (7u << 3) | ProtoWire.Varint;
    private const uint TemporalityTag = (8u << 3) | ProtoWire.Varint;

    private readonly ReadOnlySpan<byte> record;
    private int position;

    public SampleRecordReader(ReadOnlySpan<byte> record)
    {
        this.record = record;
    }

    /// <summary>Where the current sample's encoding starts in the record.</summary>
    public int Offset { get; private set; }

    /// <summary>The length of the current sample's encoding.</summary>
    public int Length { get; private set; }

    /// <summary>Moves to the record's next sample without reading its fields; false at the end of the record.</summary>
    public bool MoveNext()
    {
        while (position < record.Length)
        {
            var tag = ProtoWire.ReadTag(record, ref position);
            if (tag != BatchSamplesTag)
            {
                ProtoWire.Skip(record, ref position, tag);
                continue;
            }
            Length = ProtoWire.ReadLength(record, ref position);
            Offset = position;
            position += Length;
            return true;
        }
        return false;
    }

    /// <summary>The current sample's metric name as UTF-8 (empty when it has none), found without reading the rest.</summary>
    public readonly ReadOnlySpan<byte> Metric()
    {
        var sample = record.Slice(Offset, Length);
        var at = 0;
        while (at < sample.Length)
        {
            var tag = ProtoWire.ReadTag(sample, ref at);
            if (tag == MetricTag)
            {
                return ProtoWire.Take(sample, ref at, ProtoWire.ReadLength(sample, ref at));
            }
            ProtoWire.Skip(sample, ref at, tag);
        }
        return [];
    }

    /// <summary>The current sample's scalar fields, every field of it checked to be well-formed.</summary>
    public readonly SampleFields Fields()
    {
        var sample = record.Slice(Offset, Length);
        ulong seriesId = 0;
        double value = 0;
        long timestamp = 0;
        var kind = MetricKind.Unspecified;
        var temporality = Temporality.Unspecified;
        var at = 0;
        while (at < sample.Length)
        {
            var tag = ProtoWire.ReadTag(sample, ref at);
            switch (tag)
            {
                case SeriesIdTag:
                    seriesId = BinaryPrimitives.ReadUInt64LittleEndian(ProtoWire.Take(sample, ref at, sizeof(ulong)));
                    break;
                case ValueTag:
                    value = BinaryPrimitives.ReadDoubleLittleEndian(ProtoWire.Take(sample, ref at, sizeof(double)));
                    break;
                case TimestampTag:
                    timestamp = (long)ProtoWire.ReadVarint(sample, ref at);
                    break;
                case KindTag:
                    kind = (MetricKind)ProtoWire.ReadVarint(sample, ref at);
                    break;
                case TemporalityTag:
                    temporality = (Temporality)ProtoWire.ReadVarint(sample, ref at);
                    break;
                default:
                    ProtoWire.Skip(sample, ref at, tag);
                    break;
            }
        }
        return new SampleFields(seriesId, value, timestamp, kind, temporality, Offset, Length);
    }
}
