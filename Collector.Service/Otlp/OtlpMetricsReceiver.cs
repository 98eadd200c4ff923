using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Backpressure;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.Otlp.Collector;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// What OTLP/HTTP and OTLP/gRPC share once the request is decoded: map the data points onto samples, ingest them,
/// and answer with an ExportMetricsServiceResponse whose partial_success counts and names the refused points.
/// Retryable failures (spool full, Kafka unavailable) propagate; each transport says "retry later" its own way.
/// </summary>
public sealed class OtlpMetricsReceiver(IngestPipeline pipeline, IOptions<IngestOptions> options, ILogger<OtlpMetricsReceiver> logger)
{
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
        var refusedByIngest = result.Errors.Select(e => mapping.PointOfSample[e.Index]).Distinct().Count();
        var rejectedPoints = refusedByIngest + mapping.Unmapped + mapping.OverLimit;
        if (rejectedPoints > 0)
        {
            var reasons = (mapping.OverLimit > 0 ? [OverLimit(mapping)] : Array.Empty<string>())
                .Concat(mapping.UnmappedReasons)
                .Concat(result.Errors.Select(e => $"{mapping.Samples[e.Index].Metric}: {e.Field} {e.Reason}"));
            var count = (mapping.OverLimit > 0 ? 1 : 0) + mapping.Unmapped + result.Errors.Count;
            response.PartialSuccess = new ExportMetricsPartialSuccess
            {
                RejectedDataPoints = rejectedPoints,
                ErrorMessage = string.Join("; ", reasons.Take(OtlpMapping.MaxReasons)) + (count > OtlpMapping.MaxReasons ? $"; and {count - OtlpMapping.MaxReasons} more" : ""),
            };
        }
        return response;
    }

    private static string OverLimit(OtlpMapping mapping) =>
        $"{mapping.OverLimit} data points past the limit of {mapping.MaxSamples} samples per request (Ingest:MaxSamplesPerRequest) were refused; export fewer points per request";
}
