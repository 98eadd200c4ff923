using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.Otlp.Collector;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// What OTLP/HTTP and OTLP/gRPC share once the request is decoded: map the data points onto samples, ingest them,
/// and answer with an ExportMetricsServiceResponse whose partial_success counts and names the refused points.
/// Retryable failures (spool full, Kafka unavailable) propagate; each transport says "retry later" its own way.
/// </summary>
public sealed class OtlpMetricsReceiver(IngestPipeline pipeline, IOptions<IngestOptions> options, ILogger<OtlpMetricsReceiver> logger)
{
    private const int MaxErrorsInMessage = 5;

    public async Task<ExportMetricsServiceResponse> ExportAsync(ExportMetricsServiceRequest export, CancellationToken cancellationToken)
    {
        var mapping = new OtlpMetricMapper(options.Value).Map(export);
        IngestResult result;
        try
        {
            result = await pipeline.IngestAsync(mapping.Samples, [], cancellationToken);
        }
        catch (Exception ex) when (RetryableFailure.Is(ex))
        {
            logger.LogWarning(ex, "OTLP export of {Points} data points refused for a retry: Kafka is unavailable", mapping.Points);
            throw;
        }

        var response = new ExportMetricsServiceResponse();
        var rejectedPoints = result.Errors.Select(e => mapping.PointOfSample[e.Index]).Distinct().Count() + mapping.Unmapped.Count;
        if (rejectedPoints > 0)
        {
            var reasons = mapping.Unmapped.Concat(result.Errors.Select(e => $"{mapping.Samples[e.Index].Metric}: {e.Field} {e.Reason}")).ToList();
            response.PartialSuccess = new ExportMetricsPartialSuccess
            {
                RejectedDataPoints = rejectedPoints,
                ErrorMessage = string.Join("; ", reasons.Take(MaxErrorsInMessage)) + (reasons.Count > MaxErrorsInMessage ? $"; and {reasons.Count - MaxErrorsInMessage} more" : ""),
            };
        }
        return response;
    }
}
