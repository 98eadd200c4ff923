using System.Buffers.Binary;
using Snappier;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// Writes one remote-write request (a <c>prometheus.WriteRequest</c>, snappy block-compressed) for a run of series with
/// one sample each, into buffers it reuses. The generator shares two cores with the systems it measures, so it writes
/// the two fields that change (a sample's value and timestamp) around label bytes encoded once by the protobuf library,
/// instead of building and serialising a message per request; the tests decode its output with the library's parser.
/// </summary>
public sealed class WriteRequestEncoder(SeriesSet series)
{
    private const byte TimeSeriesTag = (1 << 3) | 2;
    private const byte SamplesTag = (2 << 3) | 2;
    private const byte ValueTag = (1 << 3) | 1;
    private const byte TimestampTag = (2 << 3) | 0;
    private const int MaxSampleBytes = 1 + 1 + 1 + 8 + 1 + 10;
    private const int MaxLengthBytes = 5;
    private byte[] raw = [];
    private byte[] compressed = [];

    /// <summary>The compressed body, valid until the next call.</summary>
    public ReadOnlyMemory<byte> Encode(int first, int count, long timestampMs, Func<int, double> valueOf)
    {
        var needed = 0;
        for (var index = first; index < first + count; index++)
        {
            needed += 1 + MaxLengthBytes + series.EncodedLabels[index].Length + MaxSampleBytes;
        }
        if (raw.Length < needed)
        {
            raw = new byte[needed];
        }
        var span = raw.AsSpan();
        var at = 0;
        Span<byte> sample = stackalloc byte[MaxSampleBytes];
        for (var index = first; index < first + count; index++)
        {
            var sampleLength = WriteSample(sample, valueOf(index), timestampMs);
            var labels = series.EncodedLabels[index];
            span[at++] = TimeSeriesTag;
            at += WriteVarint(span[at..], (ulong)(labels.Length + sampleLength));
            labels.CopyTo(span[at..]);
            at += labels.Length;
            sample[..sampleLength].CopyTo(span[at..]);
            at += sampleLength;
        }
        var maxCompressed = Snappy.GetMaxCompressedLength(at);
        if (compressed.Length < maxCompressed)
        {
            compressed = new byte[maxCompressed];
        }
        return compressed.AsMemory(0, Snappy.Compress(raw.AsSpan(0, at), compressed));
    }

    /// <summary>Field 2 of a TimeSeries: one Sample { double value = 1; int64 timestamp = 2; }.</summary>
    private static int WriteSample(Span<byte> target, double value, long timestampMs)
    {
        Span<byte> body = stackalloc byte[MaxSampleBytes];
        body[0] = ValueTag;
        BinaryPrimitives.WriteDoubleLittleEndian(body[1..], value);
        body[9] = TimestampTag;
        var bodyLength = 10 + WriteVarint(body[10..], (ulong)timestampMs);
        target[0] = SamplesTag;
        var at = 1 + WriteVarint(target[1..], (ulong)bodyLength);
        body[..bodyLength].CopyTo(target[at..]);
        return at + bodyLength;
    }

    private static int WriteVarint(Span<byte> target, ulong value)
    {
        var at = 0;
        while (value >= 0x80)
        {
            target[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        target[at++] = (byte)value;
        return at;
    }
}
