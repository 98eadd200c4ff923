namespace PerfMonitor.Analytics.Sketches;

/// <summary>
/// The stored form of a <see cref="DDSketch"/>: version, zero count, then each store (positive, then negative) as its
/// bucket count and, per non-empty bucket, the key's delta from the previous key (zigzag varint) and the count (varint).
/// </summary>
internal static class SketchFormat
{
    private const byte FormatVersion = 1;

    /// <summary>The sketch's bytes, in an array of their exact size.</summary>
    public static byte[] Write(long zeroCount, BucketStore positive, BucketStore negative)
    {
        var length = 1 + VarintLength((ulong)zeroCount) + StoreLength(positive) + StoreLength(negative);
        var data = new byte[length];
        data[0] = FormatVersion;
        var position = 1;
        WriteVarint(data, ref position, (ulong)zeroCount);
        WriteStore(data, ref position, positive);
        WriteStore(data, ref position, negative);
        return data;
    }

    /// <summary>The parts of a stored sketch; empty data is an empty sketch.</summary>
    public static (long ZeroCount, BucketStore Positive, BucketStore Negative) Read(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return (0, new BucketStore(), new BucketStore());
        }
        if (data[0] != FormatVersion)
        {
            throw new FormatException($"Unknown sketch format {data[0]}");
        }
        var position = 1;
        var zero = (long)ReadVarint(data, ref position);
        var positive = ReadStore(data, ref position);
        var negative = ReadStore(data, ref position);
        return (zero, positive, negative);
    }

    /// <summary>A store's bytes in the compact form, so that a sketch is written into an array of its exact size.</summary>
    private static int StoreLength(BucketStore store)
    {
        var length = VarintLength((ulong)store.NonEmptyBuckets);
        var previous = 0;
        foreach (var (key, count) in store.Ascending())
        {
            length += VarintLength(ZigZag(key - previous)) + VarintLength((ulong)count);
            previous = key;
        }
        return length;
    }

    private static void WriteStore(Span<byte> data, ref int position, BucketStore store)
    {
        WriteVarint(data, ref position, (ulong)store.NonEmptyBuckets);
        var previous = 0;
        foreach (var (key, count) in store.Ascending())
        {
            WriteVarint(data, ref position, ZigZag(key - previous));
            WriteVarint(data, ref position, (ulong)count);
            previous = key;
        }
    }

    private static ulong ZigZag(int delta) => (ulong)((delta << 1) ^ (delta >> 31));

    private static BucketStore ReadStore(ReadOnlySpan<byte> data, ref int position)
    {
        var store = new BucketStore();
        var buckets = (int)ReadVarint(data, ref position);
        var key = 0;
        for (var i = 0; i < buckets; i++)
        {
            var zigzag = (uint)ReadVarint(data, ref position);
            key += (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
            store.Add(key, (long)ReadVarint(data, ref position));
        }
        return store;
    }

    private static void WriteVarint(Span<byte> data, ref int position, ulong value)
    {
        while (value >= 0x80)
        {
            data[position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        data[position++] = (byte)value;
    }

    private static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            length++;
            value >>= 7;
        }
        return length;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (position >= data.Length || shift > 63)
            {
                throw new FormatException("Truncated sketch");
            }
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
