using System.Buffers;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Backpressure;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using Snappier;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>
/// Prometheus remote write 1.0 (POST /api/v1/write): a snappy block-compressed protobuf WriteRequest. Prometheus
/// retries 5xx and drops on 4xx, so 503 is kept for what a retry can fix (Kafka unavailable) and every refusal of
/// the payload itself is a 400 with the reasons in plain text; valid samples of a partly bad request are kept.
/// </summary>
public static class RemoteWriteApi
{
    private const int MaxErrorsInMessage = 5;

    public static IEndpointRouteBuilder MapRemoteWriteApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/write", PostWrite);
        return app;
    }

    private static async Task<IResult> PostWrite(HttpRequest request, IngestPipeline pipeline, IOptions<IngestOptions> options, WireLimits limits,
        SeriesLabelCache seriesCache, SampleValidator validator, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (RequestBody.MediaType(request, "application/x-protobuf") is null)
        {
            return Results.Text($"Content-Type '{request.ContentType}' is not supported; remote write sends application/x-protobuf.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        var limit = options.Value.MaxRequestBodyBytes;
        var read = await RequestBody.ReadAsync(request, limit, cancellationToken, ownEncoding: "snappy");
        if (read.Problem is { } problem)
        {
            return Results.Text(problem.Detail, statusCode: problem.Status);
        }

        List<Contracts.V1.Sample> samples;
        List<SampleError> decodeErrors;
        List<PreparedSeries?> series;
        byte[]? body = null;
        try
        {
            var compressed = read.Body!;
            var length = Snappy.GetUncompressedLength(compressed);
            if (length > limit)
            {
                return Results.Text($"The decompressed body would exceed {limit} bytes; send smaller batches (queue_config.max_samples_per_send).", statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            // Pooled: a request of a few thousand series decompresses past the large-object threshold, and a fresh
            // large array per request made gen-2 collections the collector's steady companion under remote write.
            body = ArrayPool<byte>.Shared.Rent(length);
            var decompressed = body.AsSpan(0, Snappy.Decompress(compressed, body));
            // Weighed before parsing: an empty series is two bytes on the wire and a hundred once parsed.
            var weight = limits.Weigh(decompressed, IngestSchemas.RemoteWrite);
            if (weight.Verdict == WireVerdict.Malformed)
            {
                return Results.Text($"The body is not a snappy block-compressed prometheus.WriteRequest: {limits.Refusal(weight, "the WriteRequest")}", statusCode: StatusCodes.Status400BadRequest);
            }
            if (weight.Verdict != WireVerdict.Within)
            {
                return Results.Text($"{limits.Refusal(weight, "The WriteRequest")} Lower queue_config.max_samples_per_send.", statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            (samples, decodeErrors, series) = RemoteWriteMapper.Map(decompressed, options.Value.MaxLabels, seriesCache, validator);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            return Results.Text($"The body is not a snappy block-compressed prometheus.WriteRequest: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        finally
        {
            // Mapping copies every string (and every cached series' key) out, so nothing refers to the buffer once it has run.
            if (body is not null)
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }

        IngestResult result;
        try
        {
            result = await pipeline.IngestAsync(samples, decodeErrors, series, cancellationToken);
        }
        catch (Exception ex) when (RetryableFailure.Is(ex))
        {
            loggers.CreateLogger(typeof(RemoteWriteApi)).LogWarning(ex, "Remote write of {Samples} samples answered 503: Kafka is unavailable", samples.Count);
            return RetryableFailure.Answer(ex, Results.Text($"Kafka is unavailable; retry later ({ex.Message}).", statusCode: StatusCodes.Status503ServiceUnavailable));
        }

        if (result.Rejected == 0)
        {
            return Results.NoContent();
        }
        var reasons = result.Errors.Take(MaxErrorsInMessage).Select(e => $"{Describe(samples[e.Index])}: {e.Field} {e.Reason}");
        return Results.Text($"{result.Rejected} of {samples.Count} samples refused ({result.Accepted} accepted): {string.Join("; ", reasons)}",
            statusCode: StatusCodes.Status400BadRequest);
    }

    private static string Describe(Contracts.V1.Sample sample) =>
        sample.Metric + "{" + string.Join(",", sample.Labels.Select(l => $"{l.Name}=\"{l.Value}\"")) + "}";
}
