using System.Buffers.Binary;
using PerfMonitor.Alerting.Rules;
using Temporality = PerfMonitor.Contracts.V1.Temporality;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Reads a perfmon.samples.v1 record (a protobuf <c>SampleBatch</c>) in place: for each sample only the metric name is
/// looked at, and a sample whose metric no enabled rule names is skipped without allocating anything. Under load
/// almost every sample is such a sample, so decoding whole batches was most of the evaluator's work.
/// </summary>
public static class SampleBatchReader
{
    // Wire types and the tags of the fields read (field number << 3 | wire type), from samples.proto.
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;
    private const uint BatchSamplesTag = (1 << 3) | LengthDelimited;
    private const uint SeriesIdTag = (1 << 3) | Fixed64;
    private const uint MetricTag = (2 << 3) | LengthDelimited;
    private const uint ValueTag = (4 << 3) | Fixed64;
    private const uint TimestampTag = (5 << 3) | Varint;
    private const uint TemporalityTag = (8 << 3) | Varint;

    /// <summary>
    /// Appends to <paramref name="matched"/> every sample of the record that some rule of <paramref name="index"/> names,
    /// with those rules, and returns how many samples the record holds. Throws <see cref="InvalidDataException"/> on a
    /// record that is not a well-formed batch.
    /// </summary>
    public static int Read(ReadOnlyMemory<byte> record, MetricRuleIndex index, List<(EncodedSample Sample, AlertRule[] Rules)> matched)
    {
        var span = record.Span;
        var position = 0;
        var count = 0;
        while (position < span.Length)
        {
            var tag = (uint)ReadVarint(span, ref position);
            if (tag != BatchSamplesTag)
            {
                Skip(span, ref position, tag);
                continue;
            }
            var length = ReadLength(span, ref position);
            count++;
            if (ReadSample(span.Slice(position, length), index, out var sample) is { } rules)
            {
                matched.Add((sample with { Encoded = record.Slice(position, length) }, rules));
            }
            position += length;
        }
        return count;
    }

    private static AlertRule[]? ReadSample(ReadOnlySpan<byte> span, MetricRuleIndex index, out EncodedSample sample)
    {
        sample = default;
        AlertRule[]? rules = null;
        ulong seriesId = 0;
        double value = 0;
        long timestamp = 0;
        var temporality = Temporality.Unspecified;
        var position = 0;
        while (position < span.Length)
        {
            var tag = (uint)ReadVarint(span, ref position);
            switch (tag)
            {
                case SeriesIdTag:
                    seriesId = BinaryPrimitives.ReadUInt64LittleEndian(Take(span, ref position, sizeof(ulong)));
                    break;
                case MetricTag:
                    var length = ReadLength(span, ref position);
                    rules = index.Find(span.Slice(position, length));
                    if (rules is null)
                    {
                        // Nothing else of this sample matters.
                        return null;
                    }
                    position += length;
                    break;
                case ValueTag:
                    value = BinaryPrimitives.ReadDoubleLittleEndian(Take(span, ref position, sizeof(double)));
                    break;
                case TimestampTag:
                    timestamp = (long)ReadVarint(span, ref position);
                    break;
                case TemporalityTag:
                    temporality = (Temporality)ReadVarint(span, ref position);
                    break;
                default:
                    Skip(span, ref position, tag);
                    break;
            }
        }
        sample = new EncodedSample(seriesId, value, timestamp, default, temporality);
        return rules;
    }

    private static void Skip(ReadOnlySpan<byte> span, ref int position, uint tag)
    {
        switch ((int)(tag & 7))
        {
            case Varint:
                ReadVarint(span, ref position);
                break;
            case Fixed64:
                Take(span, ref position, 8);
                break;
            case LengthDelimited:
                Take(span, ref position, ReadLength(span, ref position));
                break;
            case Fixed32:
                Take(span, ref position, 4);
                break;
            default:
                throw new InvalidDataException($"Unsupported protobuf wire type {tag & 7} at byte {position}");
        }
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> span, ref int position, int length)
    {
        if (length > span.Length - position)
        {
            throw new InvalidDataException($"Truncated field at byte {position}");
        }
        var taken = span.Slice(position, length);
        position += length;
        return taken;
    }

    private static int ReadLength(ReadOnlySpan<byte> span, ref int position)
    {
        var length = ReadVarint(span, ref position);
        if (length > (ulong)(span.Length - position))
        {
            throw new InvalidDataException($"Length {length} runs past the end at byte {position}");
        }
        return (int)length;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length)
            {
                throw new InvalidDataException("Truncated varint");
            }
            var b = span[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
        throw new InvalidDataException("Varint longer than 10 bytes");
    }
}
