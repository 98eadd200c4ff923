using System.Net.Http.Headers;
using PerfMonitor.Collector.Ingestion.Limits;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>
/// Reads an ingest request body within <see cref="IngestOptions.MaxRequestBodyBytes"/>. Gzip and deflate bodies
/// arrive already decompressed by ASP.NET's request decompression middleware, so the limit applies to what
/// the decoders see, which a small compressed body cannot inflate past.
/// </summary>
public static class RequestBody
{
    private const int ChunkBytes = 64 * 1024;

    /// <param name="ownEncoding">A Content-Encoding the caller decodes itself (snappy for remote write).</param>
    public static async Task<BodyReadResult> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken, string? ownEncoding = null)
    {
        // The middleware removes Content-Encoding once it has decoded the body; one that is still there is unknown.
        var encoding = request.Headers.ContentEncoding.ToString();
        if (encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase) && !encoding.Equals(ownEncoding, StringComparison.OrdinalIgnoreCase))
        {
            return BodyReadResult.Fail(StatusCodes.Status415UnsupportedMediaType, "Unsupported Content-Encoding",
                $"Content-Encoding '{encoding}' is not supported; send gzip, deflate, br or an uncompressed body.", "Content-Encoding");
        }
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        using var buffer = new MemoryStream(request.ContentLength is > 0 and var length && length <= limit ? (int)length : ChunkBytes);
        var chunk = new byte[ChunkBytes];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return TooLarge(limit);
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (InvalidDataException ex)
        {
            return BodyReadResult.Fail(StatusCodes.Status400BadRequest, "Undecodable body", $"The compressed body could not be decompressed: {ex.Message}", "body");
        }
        return new BodyReadResult(buffer.ToArray(), null);
    }

    /// <summary>Whether the request's media type is one of <paramref name="accepted"/>; a missing Content-Type counts as the first.</summary>
    public static string? MediaType(HttpRequest request, params string[] accepted)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return accepted[0];
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) || parsed.MediaType is null)
        {
            return null;
        }
        return accepted.FirstOrDefault(a => a.Equals(parsed.MediaType, StringComparison.OrdinalIgnoreCase));
    }

    private static BodyReadResult TooLarge(long limit) => BodyReadResult.Fail(StatusCodes.Status413PayloadTooLarge, "Body too large",
        $"A request body may be at most {limit} bytes (after decompression); split the batch.", "body");
}

/// <summary>The body that was read, or the problem to answer with.</summary>
public sealed record BodyReadResult(byte[]? Body, BodyProblem? Problem)
{
    public static BodyReadResult Fail(int status, string title, string detail, string field) => new(null, new(status, title, detail, field));
}

public sealed record BodyProblem(int Status, string Title, string Detail, string Field);
