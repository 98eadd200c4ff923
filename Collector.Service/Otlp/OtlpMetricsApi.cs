using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.Otlp.Rpc;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// OTLP/HTTP metrics receiver (POST /v1/metrics) in both encodings; the decoded request goes to
/// <see cref="OtlpMetricsReceiver"/>, as OTLP/gRPC's does. Answers per the OTLP specification: 200 with an
/// ExportMetricsServiceResponse (partial_success when points were refused; refused points are not retried), 400
/// with a google.rpc.Status for a body that cannot be decoded, 503 with Retry-After only when Kafka is unavailable.
/// </summary>
public static class OtlpMetricsApi
{
    public const string Protobuf = "application/x-protobuf";
    public const string Json = "application/json";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static IEndpointRouteBuilder MapOtlpMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/metrics", PostMetrics);
        return app;
    }

    private static async Task<IResult> PostMetrics(HttpRequest request, OtlpMetricsReceiver receiver, IOptions<IngestOptions> options,
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

        ExportMetricsServiceRequest export;
        try
        {
            export = mediaType == Json
                ? Parser.Parse<ExportMetricsServiceRequest>(new StreamReader(new MemoryStream(read.Body!)))
                : ExportMetricsServiceRequest.Parser.ParseFrom(read.Body);
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
