namespace PerfMonitor.Contracts.Wire;

/// <summary>
/// The protobuf wire primitives the in-place readers need (varints, lengths, skipping a field), bounds-checked so a
/// malformed record is refused with <see cref="InvalidDataException"/> instead of being read past its end.
/// </summary>
public static class ProtoWire
{
    // Wire types: the low three bits of a field's tag, under the field number.
    public const uint Varint = 0;
    public const uint Fixed64 = 1;
    public const uint LengthDelimited = 2;
    public const uint Fixed32 = 5;

    public static uint ReadTag(ReadOnlySpan<byte> span, scoped ref int position) => (uint)ReadVarint(span, ref position);

    public static ulong ReadVarint(ReadOnlySpan<byte> span, scoped ref int position)
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

    /// <summary>Reads a length-delimited field's length and checks that its bytes are all there.</summary>
    public static int ReadLength(ReadOnlySpan<byte> span, scoped ref int position)
    {
        var length = ReadVarint(span, ref position);
        if (length > (ulong)(span.Length - position))
        {
            throw new InvalidDataException($"Length {length} runs past the end at byte {position}");
        }
        return (int)length;
    }

    public static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> span, scoped ref int position, int length)
    {
        if (length > span.Length - position)
        {
            throw new InvalidDataException($"Truncated field at byte {position}");
        }
        var taken = span.Slice(position, length);
        position += length;
        return taken;
    }

    /// <summary>
    /// The next length-delimited field with <paramref name="tag"/> at or after <paramref name="position"/>, stepping over
    /// every other field; false at the end of <paramref name="span"/>.
    /// </summary>
    public static bool NextMessage(ReadOnlySpan<byte> span, scoped ref int position, uint tag, out ReadOnlySpan<byte> message)
    {
        while (position < span.Length)
        {
            var current = ReadTag(span, ref position);
            if (current == tag)
            {
                message = Take(span, ref position, ReadLength(span, ref position));
                return true;
            }
            Skip(span, ref position, current);
        }
        message = default;
        return false;
    }

    /// <summary>Steps over the value of a field whose tag was just read.</summary>
    public static void Skip(ReadOnlySpan<byte> span, scoped ref int position, uint tag)
    {
        switch (tag & 7)
        {
            case Varint:
                ReadVarint(span, ref position);
                break;
            case Fixed64:
                Take(span, ref position, sizeof(ulong));
                break;
            case LengthDelimited:
                Take(span, ref position, ReadLength(span, ref position));
                break;
            case Fixed32:
                Take(span, ref position, sizeof(uint));
                break;
            default:
                throw new InvalidDataException($"Unsupported protobuf wire type {tag & 7} at byte {position}");
        }
    }
}
