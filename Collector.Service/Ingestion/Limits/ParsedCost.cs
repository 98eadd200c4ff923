using Google.Protobuf.Reflection;

namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>
/// What Google.Protobuf's parser allocates, roughly, on 64-bit .NET: an estimate to weigh requests by, not an account.
/// A message is an object with a slot per field, and every repeated field is a list object made with it; a list
/// element is a slot in an array that grows by doubling; a string is two bytes per character.
/// </summary>
internal static class ParsedCost
{
    /// <summary>Object header, method table and the unknown-field reference every generated message has.</summary>
    public const int ObjectHeader = 24;
    public const int FieldSlot = 8;
    public const int List = 32;
    public const int ListElement = 2 * FieldSlot;
    public const int StringHeader = 24;
    public const int BytesHeader = 48;

    public static int Message(MessageDescriptor type) =>
        ObjectHeader + FieldSlot * type.Fields.InDeclarationOrder().Count + List * type.Fields.InDeclarationOrder().Count(f => f.IsRepeated);

    /// <summary>A message of scalars and strings only, this long on the wire: at most all of it strings.</summary>
    public static long Leaf(int objectBytes, int textFields, int length) => objectBytes + (long)textFields * StringHeader + 2L * length;

    /// <summary>A string of this many UTF-8 bytes (at most as many UTF-16 characters), or a byte string.</summary>
    public static long Text(int bytes, bool isString) => isString ? StringHeader + 2L * bytes : BytesHeader + (long)bytes;
}
