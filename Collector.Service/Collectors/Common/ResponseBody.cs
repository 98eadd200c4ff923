using System.Buffers;

namespace PerfMonitor.Collector.Collectors.Common;

/// <summary>
/// Reads the body of a target the collector polls (a /metrics page, a probed URL) within a size limit; the caller's
/// token carries the deadline. A body that never ends stops at the limit instead of filling memory, and one that
/// stalls ends with the deadline.
/// </summary>
public static class ResponseBody
{
    private const int ChunkBytes = 64 * 1024;

    /// <param name="setting">The option that sets <paramref name="limit"/>, named in the failure.</param>
    /// <param name="keep">Whether to return the bytes (a page to parse) or only count them (a probe).</param>
    public static async Task<ResponseBodyRead> ReadAsync(HttpContent content, long limit, string setting, bool keep, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            return TooLarge(limit, setting);
        }
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var kept = keep ? new MemoryStream() : null;
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var total = 0L;
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return TooLarge(limit, setting);
                }
                kept?.Write(chunk, 0, read);
            }
            return new ResponseBodyRead(kept?.ToArray(), total, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static ResponseBodyRead TooLarge(long limit, string setting) => new(null, limit, $"the body is larger than {limit} bytes ({setting})");
}
