using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Collector.Ingestion;

public static class SamplesApi
{
    public static IEndpointRouteBuilder MapSamplesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/samples", PostSamples);
        return app;
    }

    private static async Task<Results<Accepted<IngestResult>, ProblemHttpResult>> PostSamples(
        HttpRequest request, IngestPipeline pipeline, IOptions<IngestOptions> options, CancellationToken cancellationToken)
    {
        if (RequestBody.MediaType(request, "application/json", "text/json") is null)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Content-Type '{request.ContentType}' is not supported; send application/json (optionally with Content-Encoding: gzip).", "Content-Type");
        }
        var read = await RequestBody.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (read.Problem is { } problem)
        {
            return Problem(problem.Status, problem.Title, problem.Detail, problem.Field);
        }

        JsonSampleRequest? body;
        try
        {
            body = JsonSerializer.Deserialize<JsonSampleRequest>(read.Body, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid JSON: {ex.Message}", "body");
        }

        if (body?.Samples is not { Count: > 0 } input)
        {
            return Problem(StatusCodes.Status400BadRequest, "No samples", "The body must be {\"samples\":[...]} with at least one sample.", "samples");
        }
        if (input.Count > options.Value.MaxSamplesPerRequest)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Too many samples",
                $"A request may carry at most {options.Value.MaxSamplesPerRequest} samples; this one has {input.Count}.", "samples");
        }

        var (samples, decodeErrors) = JsonSampleConverter.Convert(input);
        var result = await pipeline.IngestAsync(samples, decodeErrors, cancellationToken);
        if (result.Accepted == 0)
        {
            return TypedResults.Problem(new()
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "No valid samples",
                Detail = $"All {result.Rejected} samples were refused; see errors.",
                Extensions = { ["errors"] = result.Errors },
            });
        }
        return TypedResults.Accepted((string?)null, result);
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, string field) => TypedResults.Problem(new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Extensions = { ["field"] = field },
    });
}
