using Google.Protobuf;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>Protobuf bytes written by hand, for messages no client would build: millions of empty ones.</summary>
public static class Wire
{
    /// <summary>A length-delimited field: a nested message, a string or a packed list.</summary>
    public static byte[] Field(int number, ReadOnlySpan<byte> body)
    {
        var bytes = new byte[CodedOutputStream.ComputeTagSize(number) + CodedOutputStream.ComputeLengthSize(body.Length) + body.Length];
        var output = new CodedOutputStream(bytes);
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteLength(body.Length);
        output.Flush();
        body.CopyTo(bytes.AsSpan(bytes.Length - body.Length));
        return bytes;
    }

    public static byte[] Repeat(byte[] element, int times)
    {
        var bytes = new byte[element.Length * times];
        for (var i = 0; i < times; i++)
        {
            element.CopyTo(bytes, i * element.Length);
        }
        return bytes;
    }
}
