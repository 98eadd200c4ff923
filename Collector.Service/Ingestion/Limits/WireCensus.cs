using System.Runtime.CompilerServices;

namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>
/// Weighs a protobuf message from its wire bytes alone, without allocating: the memory parsing it would take
/// (<see cref="ParsedCost"/>) and the samples and labels in it, stopping at the first limit passed. An empty message
/// costs two bytes on the wire and a hundred in memory; this is how a request is weighed before it is parsed.
/// Fields the schema does not know are skipped: the receivers parse with unknown fields discarded. A message of
/// scalars and strings only is weighed by its length, unread: its content cannot cost more.
/// </summary>
public static class WireCensus
{
    /// <summary>Protobuf's own default recursion limit; the parser refuses deeper messages too.</summary>
    private const int MaxDepth = 100;

    public static WireCount Count(ReadOnlySpan<byte> message, WireSchema schema, long maxParsedBytes, long maxSamples, long maxLabels) =>
        Count(message, schema, new Tally(maxParsedBytes, maxSamples, maxLabels));

    /// <summary>
    /// Counts samples only, looking into no message that cannot hold one: for a message whose length already keeps its
    /// labels and parsed size within their limits. Parsed bytes and labels are not counted.
    /// </summary>
    public static WireCount CountSamples(ReadOnlySpan<byte> message, WireSchema schema, long maxSamples) =>
        Count(message, schema, new Tally(long.MaxValue, maxSamples, long.MaxValue) { SamplesOnly = true });

    private static WireCount Count(ReadOnlySpan<byte> message, WireSchema schema, Tally tally)
    {
        if (tally.Add(default, 1, schema.ObjectBytes))
        {
            Walk(message, schema, ref tally, depth: 0);
        }
        return new WireCount(tally.Verdict, tally.ParsedBytes, tally.Samples, tally.Labels);
    }

    private static bool Walk(ReadOnlySpan<byte> data, WireSchema schema, ref Tally tally, int depth)
    {
        if (depth > MaxDepth)
        {
            return tally.Fail(WireVerdict.Malformed);
        }
        var position = 0;
        while (position < data.Length)
        {
            if (!TryReadVarint(data, ref position, out var tag) || tag >> 3 is 0 or > int.MaxValue)
            {
                return tally.Fail(WireVerdict.Malformed);
            }
            var field = schema.Field((int)(tag >> 3));
            if (!WalkField(data, ref position, (int)(tag & 7), (int)(tag >> 3), field, ref tally, depth))
            {
                return false;
            }
        }
        return true;
    }

    private static bool WalkField(ReadOnlySpan<byte> data, ref int position, int wireType, int number, WireField field, ref Tally tally, int depth)
    {
        switch (wireType)
        {
            case 0:
                return TryReadVarint(data, ref position, out _) ? Element(field, 1, ref tally) : tally.Fail(WireVerdict.Malformed);
            case 1:
                return Skip(data, ref position, sizeof(ulong)) ? Element(field, 1, ref tally) : tally.Fail(WireVerdict.Malformed);
            case 5:
                return Skip(data, ref position, sizeof(uint)) ? Element(field, 1, ref tally) : tally.Fail(WireVerdict.Malformed);
            case 2:
                if (!TryReadVarint(data, ref position, out var length) || length > (ulong)(data.Length - position))
                {
                    return tally.Fail(WireVerdict.Malformed);
                }
                var body = data.Slice(position, (int)length);
                position += (int)length;
                return LengthDelimited(body, field, ref tally, depth);
            case 3:
                return SkipGroup(data, ref position, number, ref tally, depth);
            default:
                return tally.Fail(WireVerdict.Malformed);
        }
    }

    private static bool LengthDelimited(ReadOnlySpan<byte> body, WireField field, ref Tally tally, int depth) => field.Kind switch
    {
        WireKind.Message when tally.SamplesOnly && !field.Message!.ContainsSamples => tally.Add(field, 1, 0),
        WireKind.Message when field.Message!.IsLeaf => tally.Add(field, 1, ParsedCost.Leaf(field.Message.ObjectBytes, field.Message.TextFields, body.Length) + Slot(field)),
        WireKind.Message => tally.Add(field, 1, field.Message.ObjectBytes + Slot(field)) && Walk(body, field.Message, ref tally, depth + 1),
        // An empty string is the shared empty string; only a list slot is taken for it.
        WireKind.Text or WireKind.Bytes => tally.Add(field, 1, (body.IsEmpty ? 0 : ParsedCost.Text(body.Length, field.Kind == WireKind.Text)) + Slot(field)),
        // A packed list: each element is one slot in the parsed list (and one sample, if the field is samples).
        WireKind.Varint when field.Repeated => Elements(field, body.Length - CountContinuationBytes(body), ref tally),
        WireKind.Fixed32 when field.Repeated => Elements(field, body.Length / sizeof(uint), ref tally),
        WireKind.Fixed64 when field.Repeated => Elements(field, body.Length / sizeof(ulong), ref tally),
        _ => true,
    };

    private static int Slot(WireField field) => field.Repeated ? ParsedCost.ListElement : 0;

    /// <summary>A scalar occurrence: allocates only as an element of a list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Element(WireField field, int count, ref Tally tally) => !field.Repeated || Elements(field, count, ref tally);

    private static bool Elements(WireField field, int count, ref Tally tally) => tally.Add(field, count, (long)count * ParsedCost.ListElement);

    /// <summary>A proto2 group in a field the schema does not know; the parser skips it, so must this (counting nothing).</summary>
    private static bool SkipGroup(ReadOnlySpan<byte> data, ref int position, int number, ref Tally tally, int depth)
    {
        if (depth + 1 > MaxDepth)
        {
            return tally.Fail(WireVerdict.Malformed);
        }
        while (position < data.Length)
        {
            if (!TryReadVarint(data, ref position, out var tag))
            {
                break;
            }
            if ((tag & 7) == 4)
            {
                return (int)(tag >> 3) == number || tally.Fail(WireVerdict.Malformed);
            }
            if (!WalkField(data, ref position, (int)(tag & 7), (int)(tag >> 3), default, ref tally, depth + 1))
            {
                return false;
            }
        }
        return tally.Fail(WireVerdict.Malformed);
    }

    private static int CountContinuationBytes(ReadOnlySpan<byte> packed)
    {
        var continuation = 0;
        foreach (var b in packed)
        {
            continuation += b >> 7;
        }
        return continuation;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Skip(ReadOnlySpan<byte> data, ref int position, int bytes)
    {
        if (data.Length - position < bytes)
        {
            return false;
        }
        position += bytes;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        // Tags, lengths and small numbers are one byte: the common case takes no loop.
        if (position < data.Length && data[position] < 0x80)
        {
            value = data[position++];
            return true;
        }
        return TryReadLongVarint(data, ref position, out value);
    }

    private static bool TryReadLongVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }
        return false;
    }

    private struct Tally(long maxParsedBytes, long maxSamples, long maxLabels)
    {
        public long ParsedBytes;
        public long Samples;
        public bool SamplesOnly;
        public long Labels;
        public WireVerdict Verdict;

        /// <summary>Adds <paramref name="count"/> occurrences of the field, which take <paramref name="bytes"/> once parsed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Add(WireField field, long count, long bytes)
        {
            ParsedBytes += bytes;
            if (field.IsSample)
            {
                Samples += count;
            }
            if (field.IsLabel)
            {
                Labels += count;
            }
            return Samples > maxSamples ? Fail(WireVerdict.TooManySamples)
                : Labels > maxLabels ? Fail(WireVerdict.TooManyLabels)
                : ParsedBytes <= maxParsedBytes || Fail(WireVerdict.TooLargeParsed);
        }

        public bool Fail(WireVerdict verdict)
        {
            Verdict = verdict;
            return false;
        }
    }
}
