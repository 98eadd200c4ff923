using PerfMonitor.Collector.Ingestion;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>
/// Scrapes one target on its interval and feeds the samples to the same pipeline every protocol ends in. A failing
/// target is recorded as up=0 and logged; it never stops the other targets.
/// </summary>
public sealed class ScrapeTargetJob(ScrapeTarget target, ScrapeOptions options, TargetScraper scraper, IngestPipeline pipeline, ILogger logger)
    : PeriodicJob(TimeProvider.System)
{
    private readonly TimeSpan interval = target.Interval ?? options.DefaultInterval;

    protected override string JobName => $"scrape-{target.Job}";

    protected override JobSchedule Schedule => JobSchedule.Every(interval);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Scraping {Url} every {Interval} as job {Job}", target.Url, interval, target.Job);
        return base.ExecuteAsync(stoppingToken);
    }

    protected override async Task RunJobAsync(CancellationToken cancellationToken)
    {
        var result = await scraper.ScrapeAsync(target, options.Timeout, options.MaxBodyBytes, cancellationToken);
        if (result.Failure is not null)
        {
            logger.LogWarning("Scrape of {Url} failed: {Reason}", target.Url, result.Failure);
        }
        if (result.ParseErrors.Count > 0)
        {
            logger.LogWarning("Scrape of {Url} skipped {Count} unparsable lines, first: {First}", target.Url, result.ParseErrors.Count, result.ParseErrors[0]);
        }
        var ingested = await pipeline.IngestAsync(result.Samples, [], cancellationToken);
        if (ingested.Rejected > 0)
        {
            logger.LogDebug("Scrape of {Url}: {Rejected} of {Total} samples refused, first: {Field} {Reason}",
                target.Url, ingested.Rejected, result.Samples.Count, ingested.Errors[0].Field, ingested.Errors[0].Reason);
        }
    }

    protected override void OnFailed(Exception exception) => logger.LogWarning(exception, "Scrape of {Url} could not be ingested", target.Url);
}
