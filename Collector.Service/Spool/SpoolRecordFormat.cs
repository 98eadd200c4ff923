using System.Buffers.Binary;
using System.IO.Hashing;

namespace PerfMonitor.Collector.Spool;

/// <summary>
/// The segment file layout: an 8-byte magic, then records of [length u32 LE][CRC-32 of the payload u32 LE][payload].
/// A record whose length or checksum does not hold is a torn write from a crash; it and everything after it are ignored.
/// </summary>
public static class SpoolRecordFormat
{
    public const int HeaderBytes = 8;
    public const int RecordOverhead = 8;

    /// <summary>Far above any batch the collector builds; a larger length field can only be garbage.</summary>
    public const int MaxPayloadBytes = 256 << 20;

    public static ReadOnlySpan<byte> Magic => "PMSPOOL1"u8;

    public static byte[] Encode(ReadOnlySpan<byte> payload)
    {
        var record = new byte[RecordOverhead + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.HashToUInt32(payload));
        payload.CopyTo(record.AsSpan(RecordOverhead));
        return record;
    }

    /// <summary>Reads every intact record from the start of a segment; returns their (offset, length) and where the intact part ends.</summary>
    public static (List<(long Offset, int Length)> Records, long ValidEnd) Scan(Stream segment)
    {
        var records = new List<(long, int)>();
        segment.Position = 0;
        Span<byte> magic = stackalloc byte[HeaderBytes];
        if (segment.ReadAtLeast(magic, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes || !magic.SequenceEqual(Magic))
        {
            return (records, 0);
        }

        var position = (long)HeaderBytes;
        Span<byte> header = stackalloc byte[RecordOverhead];
        var buffer = Array.Empty<byte>();
        while (true)
        {
            if (segment.ReadAtLeast(header, RecordOverhead, throwOnEndOfStream: false) < RecordOverhead)
            {
                return (records, position);
            }
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (length > MaxPayloadBytes || position + RecordOverhead + length > segment.Length)
            {
                return (records, position);
            }
            if (buffer.Length < length)
            {
                buffer = new byte[length];
            }
            var payload = buffer.AsSpan(0, (int)length);
            segment.ReadExactly(payload);
            if (Crc32.HashToUInt32(payload) != crc)
            {
                return (records, position);
            }
            records.Add((position + RecordOverhead, (int)length));
            position += RecordOverhead + length;
        }
    }

    /// <summary>Reads one payload and checks it against the checksum stored in front of it.</summary>
    public static async Task<byte[]?> ReadAsync(string path, long payloadOffset, int length, CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        var record = new byte[RecordOverhead + length];
        var read = await RandomAccess.ReadAsync(handle, record, payloadOffset - RecordOverhead, cancellationToken);
        if (read < record.Length
            || BinaryPrimitives.ReadUInt32LittleEndian(record) != (uint)length
            || Crc32.HashToUInt32(record.AsSpan(RecordOverhead)) != BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(4)))
        {
            return null;
        }
        return record[RecordOverhead..];
    }
}
