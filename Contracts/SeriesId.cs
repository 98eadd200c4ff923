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
    // Enough for a typical identity (a metric and a handful of short labels) without touching the heap.
    private const int StackBytes = 1024;
    private const int StackLabels = 32;

    public static ulong Compute(string metric, IEnumerable<Label> labels) =>
        Compute(metric, labels as IReadOnlyList<Label> ?? labels.ToList());

    /// <summary>
    /// The same hash as streaming each field into an <see cref="XxHash64"/>, computed in one shot over one buffer:
    /// the ids are stored, so this must stay bit-identical (pinned by tests).
    /// </summary>
    public static ulong Compute(string metric, IReadOnlyList<Label> labels)
    {
        var maxBytes = MaxBytes(metric);
        for (var i = 0; i < labels.Count; i++)
        {
            maxBytes += MaxBytes(labels[i].Name) + MaxBytes(labels[i].Value);
        }

        var order = labels.Count <= StackLabels ? stackalloc int[labels.Count] : new int[labels.Count];
        SortByName(labels, order);

        byte[]? rented = null;
        var buffer = maxBytes <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var written = Write(metric, buffer);
            foreach (var index in order)
            {
                written += Write(labels[index].Name, buffer[written..]);
                written += Write(labels[index].Value, buffer[written..]);
            }
            return XxHash64.HashToUInt64(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>PostgreSQL has no unsigned 64-bit type; the id is stored bit-for-bit as bigint.</summary>
    public static long ToStorage(ulong seriesId) => unchecked((long)seriesId);

    public static ulong FromStorage(long stored) => unchecked((ulong)stored);

    private static int MaxBytes(string text) => Encoding.UTF8.GetMaxByteCount(text.Length) + 1;

    private static int Write(string text, Span<byte> destination)
    {
        var written = Encoding.UTF8.GetBytes(text, destination);
        destination[written] = 0;
        return written + 1;
    }

    /// <summary>
    /// Label indexes in ordinal name order, stable like the OrderBy the ids were first computed with. Insertion
    /// sort: labels are few and usually arrive sorted already.
    /// </summary>
    private static void SortByName(IReadOnlyList<Label> labels, Span<int> order)
    {
        for (var i = 0; i < order.Length; i++)
        {
            var j = i;
            for (; j > 0 && string.CompareOrdinal(labels[order[j - 1]].Name, labels[i].Name) > 0; j--)
            {
                order[j] = order[j - 1];
            }
            order[j] = i;
        }
    }
}
