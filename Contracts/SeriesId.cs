using System.Buffers;
using System.IO.Hashing;
using System.Text;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Contracts;

/// <summary>
/// The one series identity used everywhere (Kafka key, PostgreSQL key, cache key):
/// XxHash64 over the metric name and the labels sorted by name, each field NUL-terminated.
/// </summary>
public static class SeriesId
{
    public static ulong Compute(string metric, IEnumerable<Label> labels)
    {
        var hash = new XxHash64();
        Append(hash, metric);
        foreach (var label in labels.OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            Append(hash, label.Name);
            Append(hash, label.Value);
        }
        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>PostgreSQL has no unsigned 64-bit type; the id is stored bit-for-bit as bigint.</summary>
    public static long ToStorage(ulong seriesId) => unchecked((long)seriesId);

    public static ulong FromStorage(long stored) => unchecked((ulong)stored);

    private static void Append(XxHash64 hash, string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length) + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, buffer);
            buffer[written] = 0;
            hash.Append(buffer.AsSpan(0, written + 1));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
