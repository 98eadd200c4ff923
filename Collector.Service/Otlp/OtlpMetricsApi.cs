using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Backpressure;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.Otlp.Rpc;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// OTLP/HTTP metrics receiver (POST /v1/metrics) in both encodings; the decoded request goes to
/// <see cref="OtlpMetricsReceiver"/>, as OTLP/gRPC's does. Answers per the OTLP specification: 200 with an
/// ExportMetricsServiceResponse (partial_success when points were refused; refused points are not retried), 400
/// with a google.rpc.Status for a body that cannot be decoded, 413 (RESOURCE_EXHAUSTED) for one that would make too
/// much memory once parsed or carry too many labels, 503 with Retry-After only when Kafka is unavailable.
/// </summary>
public static class OtlpMetricsApi
{
    public const string Protobuf = "application/x-protobuf";
    public const string Json = "application/json";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly MessageParser<ExportMetricsServiceRequest> ProtobufParser = ExportMetricsServiceRequest.Parser.WithDiscardUnknownFields(true);

    public static IEndpointRouteBuilder MapOtlpMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/metrics", PostMetrics);
        return app;
    }

    private static async Task<IResult> PostMetrics(HttpRequest request, OtlpMetricsReceiver receiver, IOptions<IngestOptions> options, WireLimits limits,
        CancellationToken cancellationToken)
    {
        var mediaType = RequestBody.MediaType(request, Protobuf, Json);
        if (mediaType is null)
        {
            return Error(Protobuf, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported; send {Protobuf} or {Json}.");
        }
        var read = await RequestBody.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (read.Problem is { } problem)
        {
            return Error(mediaType, problem.Status, problem.Detail);
        }

        // Weighed before parsing: an empty data point is two bytes (or "{}") on the wire and a hundred once parsed.
        var weight = mediaType == Json
            ? new WireCount(JsonCensus.Count(read.Body, options.Value.MaxParsedBytesPerRequest), 0, 0, 0)
            : limits.Weigh(read.Body, IngestSchemas.Otlp);
        if (weight.Verdict == WireVerdict.Malformed)
        {
            // Refused here, not left to the parser: a parser more lenient than the census would parse what was not weighed.
            return Error(mediaType, StatusCodes.Status400BadRequest,
                $"The body is not a valid OTLP ExportMetricsServiceRequest ({mediaType}): it is not well-formed {(mediaType == Json ? "JSON" : "protobuf")}.");
        }
        if (weight.Verdict != WireVerdict.Within)
        {
            return Error(mediaType, StatusCodes.Status413PayloadTooLarge, limits.Refusal(weight, "The ExportMetricsServiceRequest"));
        }

        ExportMetricsServiceRequest export;
        try
        {
            export = mediaType == Json
                ? Parser.Parse<ExportMetricsServiceRequest>(new StreamReader(new MemoryStream(read.Body!)))
                : ProtobufParser.ParseFrom(read.Body);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException or InvalidOperationException)
        {
            return Error(mediaType, StatusCodes.Status400BadRequest, $"The body is not a valid OTLP ExportMetricsServiceRequest ({mediaType}): {ex.Message}");
        }

        ExportMetricsServiceResponse response;
        try
        {
            response = await receiver.ExportAsync(export, cancellationToken);
        }
        catch (Exception ex) when (RetryableFailure.Is(ex))
        {
            return RetryableFailure.Answer(ex, Error(mediaType, StatusCodes.Status503ServiceUnavailable, $"Kafka is unavailable; retry later ({ex.Message})."));
        }
        return Encode(mediaType, StatusCodes.Status200OK, response);
    }

    private static IResult Error(string mediaType, int status, string message) =>
        Encode(mediaType, status, new Status { Code = GrpcCode(status), Message = message });

    private static IResult Encode(string mediaType, int status, IMessage message) => mediaType == Json
        ? new EncodedResult(status, Json, System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(message)))
        : new EncodedResult(status, Protobuf, message.ToByteArray());

    // google.rpc.Code: INVALID_ARGUMENT, UNAVAILABLE, RESOURCE_EXHAUSTED... as OTLP's collector maps them.
    private static int GrpcCode(int status) => status switch
    {
        StatusCodes.Status503ServiceUnavailable => 14,
        StatusCodes.Status413PayloadTooLarge => 8,
        _ => 3,
    };
}
