using Google.Protobuf.Reflection;

namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>
/// A protobuf message type as <see cref="WireCensus"/> sees it: what one parsed instance costs, and for each field
/// number whether parsing the field makes a nested message (of which type), a string, or list elements, and whether
/// it is a sample or a label. Built once from the generated descriptors.
/// </summary>
public sealed class WireSchema
{
    private WireField[] fields = [];

    /// <summary>What one parsed instance of this type costs before its fields are filled: see <see cref="ParsedCost"/>.</summary>
    internal int ObjectBytes { get; private set; }

    /// <summary>
    /// Scalars and strings only (a label, a remote-write sample): what it costs once parsed is bounded by its length,
    /// so the census weighs it whole without reading it field by field.
    /// </summary>
    internal bool IsLeaf { get; private set; }

    internal int TextFields { get; private set; }

    /// <summary>
    /// The most any wire byte of a message of this type can cost once parsed: an empty nested message (two bytes) or
    /// a packed element (one). A message short enough that even this cannot pass a limit needs no census.
    /// </summary>
    public int WorstBytesPerWireByte { get; private set; }

    /// <summary>Whether samples are counted in this type's messages, each at least two bytes on the wire.</summary>
    public bool HasSamples { get; private set; }

    /// <summary>Whether a field of this type, or of a type nested in it, is a sample: where a count of samples alone must look.</summary>
    internal bool ContainsSamples { get; private set; }

    /// <param name="root">The message a request or gRPC message is.</param>
    /// <param name="label">The message type that is one label wherever it occurs.</param>
    /// <param name="samples">The fields each occurrence (or list element) of which is one sample.</param>
    public static WireSchema Of(MessageDescriptor root, MessageDescriptor label, params FieldDescriptor[] samples)
    {
        var built = new Dictionary<MessageDescriptor, WireSchema>();
        var schema = Build(root, label, samples.ToHashSet(), built);
        schema.WorstBytesPerWireByte = Math.Max(ParsedCost.ListElement, built.Values.Max(t => (t.ObjectBytes + ParsedCost.ListElement + 1) / 2));
        schema.HasSamples = samples.Length > 0;
        // Types may nest each other: spread "contains samples" up until nothing changes.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var type in built.Values.Where(t => !t.ContainsSamples && t.fields.Any(f => f.IsSample || f.Message?.ContainsSamples == true)))
            {
                type.ContainsSamples = changed = true;
            }
        }
        return schema;
    }

    internal WireField Field(int number) => (uint)number < (uint)fields.Length ? fields[number] : default;

    private static WireSchema Build(MessageDescriptor type, MessageDescriptor label, HashSet<FieldDescriptor> samples, Dictionary<MessageDescriptor, WireSchema> built)
    {
        if (built.TryGetValue(type, out var existing))
        {
            return existing;
        }
        // Registered before its fields are: a type may contain itself (OTLP's AnyValue holds arrays of AnyValue).
        var schema = new WireSchema { ObjectBytes = ParsedCost.Message(type) };
        built[type] = schema;
        var declared = type.Fields.InFieldNumberOrder();
        var table = new WireField[declared.Count == 0 ? 0 : declared.Max(f => f.FieldNumber) + 1];
        foreach (var field in declared)
        {
            var isSample = samples.Contains(field);
            table[field.FieldNumber] = field.FieldType switch
            {
                FieldType.Message => new WireField(WireKind.Message, field.IsRepeated, isSample, field.MessageType == label, Build(field.MessageType, label, samples, built)),
                FieldType.String => new WireField(WireKind.Text, field.IsRepeated, isSample, false, null),
                FieldType.Bytes => new WireField(WireKind.Bytes, field.IsRepeated, isSample, false, null),
                FieldType.Double or FieldType.Fixed64 or FieldType.SFixed64 => new WireField(WireKind.Fixed64, field.IsRepeated, isSample, false, null),
                FieldType.Float or FieldType.Fixed32 or FieldType.SFixed32 => new WireField(WireKind.Fixed32, field.IsRepeated, isSample, false, null),
                _ => new WireField(WireKind.Varint, field.IsRepeated, isSample, false, null),
            };
        }
        schema.fields = table;
        schema.IsLeaf = declared.All(f => f.FieldType != FieldType.Message && !f.IsRepeated);
        schema.TextFields = declared.Count(f => f.FieldType is FieldType.String or FieldType.Bytes);
        return schema;
    }
}
