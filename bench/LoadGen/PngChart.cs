using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace PerfMonitor.LoadGen;

/// <summary>
/// A small line chart (accepted samples/s in blue, consumer lag in orange, each scaled to its own maximum)
/// rasterised and encoded as PNG without a graphics library.
/// </summary>
public static class PngChart
{
    private const int Width = 900;
    private const int Height = 360;
    private const int Margin = 30;

    public static void Write(string path, IReadOnlyList<TimelinePoint> timeline)
    {
        var pixels = new byte[Width * Height * 3];
        Array.Fill(pixels, (byte)255);
        DrawLine(pixels, Margin, Height - Margin, Width - Margin, Height - Margin, (80, 80, 80));
        DrawLine(pixels, Margin, Margin, Margin, Height - Margin, (80, 80, 80));
        if (timeline.Count > 1)
        {
            Plot(pixels, timeline, p => p.AcceptedPerSecond, (31, 119, 180));
            Plot(pixels, timeline, p => Math.Max(0, p.Lag), (255, 127, 14));
        }
        File.WriteAllBytes(path, Encode(pixels));
    }

    private static void Plot(byte[] pixels, IReadOnlyList<TimelinePoint> timeline, Func<TimelinePoint, double> value, (byte R, byte G, byte B) color)
    {
        var maxX = timeline[^1].Seconds;
        var maxY = Math.Max(1, timeline.Max(value));
        (int X, int Y) At(TimelinePoint p) => (
            Margin + (int)((Width - (2 * Margin)) * p.Seconds / maxX),
            Height - Margin - (int)((Height - (2 * Margin)) * value(p) / maxY));
        for (var i = 1; i < timeline.Count; i++)
        {
            var (x0, y0) = At(timeline[i - 1]);
            var (x1, y1) = At(timeline[i]);
            DrawLine(pixels, x0, y0, x1, y1, color);
            DrawLine(pixels, x0, y0 + 1, x1, y1 + 1, color);
        }
    }

    private static void DrawLine(byte[] pixels, int x0, int y0, int x1, int y1, (byte R, byte G, byte B) color)
    {
        var steps = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0)) + 1;
        for (var i = 0; i <= steps; i++)
        {
            var x = x0 + ((x1 - x0) * i / steps);
            var y = y0 + ((y1 - y0) * i / steps);
            if (x is >= 0 and < Width && y is >= 0 and < Height)
            {
                var offset = ((y * Width) + x) * 3;
                (pixels[offset], pixels[offset + 1], pixels[offset + 2]) = color;
            }
        }
    }

    private static byte[] Encode(byte[] pixels)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8;
        header[9] = 2;
        WriteChunk(output, "IHDR", header);

        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < Height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(pixels, y * Width * 3, Width * 3);
            }
        }
        WriteChunk(output, "IDAT", raw.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        var checksum = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(checksum, crc.GetCurrentHashAsUInt32());
        output.Write(checksum);
    }
}
