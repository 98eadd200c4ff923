using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion.Limits;

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

        var json = JsonSampleReader.Read(read.Body, options.Value);
        if (json.Problem is { } refused)
        {
            return Problem(refused.Status, refused.Title, refused.Detail, refused.Field);
        }
        if (json.Samples.Count == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "No samples", "The body must be {\"samples\":[...]} with at least one sample.", "samples");
        }

        var result = await pipeline.IngestAsync(json.Samples, json.Errors, cancellationToken);
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
