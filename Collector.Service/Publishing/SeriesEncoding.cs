using System.Buffers.Binary;
using Google.Protobuf;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// A normalised series' share of a sample's protobuf encoding, written once: the fields before the value (series id,
/// metric, labels) and those after the timestamp (unit, kind, temporality). Protobuf writes a message's fields in the
/// order of their numbers, so a sample of the series encodes as <see cref="Head"/>, its value and timestamp, then
/// <see cref="Tail"/>: byte for byte what <c>Sample.WriteTo</c> writes, without encoding the labels again.
/// </summary>
public sealed class SeriesEncoding
{
    private const byte ValueTag = (Sample.ValueFieldNumber << 3) | (byte)WireFormat.WireType.Fixed64;
    private const byte TimestampTag = (Sample.TimestampUnixMsFieldNumber << 3) | (byte)WireFormat.WireType.Varint;

    private SeriesEncoding(byte[] head, byte[] tail)
    {
        Head = head;
        Tail = tail;
    }

    public byte[] Head { get; }

    public byte[] Tail { get; }

    public static SeriesEncoding Of(Sample normalised)
    {
        var head = new Sample { SeriesId = normalised.SeriesId, Metric = normalised.Metric };
        head.Labels.AddRange(normalised.Labels);
        var tail = new Sample { Unit = normalised.Unit, Kind = normalised.Kind, Temporality = normalised.Temporality };
        return new SeriesEncoding(head.ToByteArray(), tail.ToByteArray());
    }

    /// <summary>The size of a sample of this series (what <c>CalculateSize</c> says), from its value and timestamp.</summary>
    public int SizeOf(double value, long timestampUnixMs) =>
        Head.Length + Tail.Length
        + (value != 0D ? 1 + sizeof(double) : 0)
        + (timestampUnixMs != 0L ? 1 + CodedOutputStream.ComputeInt64Size(timestampUnixMs) : 0);

    /// <summary>
    /// Writes a sample of this series into <paramref name="destination"/>, exactly <see cref="SizeOf"/> bytes long. Value and
    /// timestamp are left out when they are the default, as the generated code does (proto3: a value of -0.0 too).
    /// </summary>
    public void WriteTo(Span<byte> destination, double value, long timestampUnixMs)
    {
        Head.CopyTo(destination);
        var at = Head.Length;
        if (value != 0D)
        {
            destination[at++] = ValueTag;
            BinaryPrimitives.WriteDoubleLittleEndian(destination[at..], value);
            at += sizeof(double);
        }
        if (timestampUnixMs != 0L)
        {
            destination[at++] = TimestampTag;
            at += WriteVarint(destination[at..], unchecked((ulong)timestampUnixMs));
        }
        Tail.CopyTo(destination[at..]);
    }

    /// <summary>A base-128 varint, as protobuf writes lengths and int64 fields; returns the bytes written.</summary>
    public static int WriteVarint(Span<byte> destination, ulong value)
    {
        var at = 0;
        while (value >= 0x80)
        {
            destination[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[at++] = (byte)value;
        return at;
    }
}
