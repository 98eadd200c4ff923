using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>
/// One loop per configured target: scrape on its interval and feed the samples to the same pipeline every
/// protocol ends in. A failing target is recorded as up=0 and logged; it never stops the other targets.
/// </summary>
public sealed class ScrapeService(IOptions<ScrapeOptions> options, TargetScraper scraper, IngestPipeline pipeline, ILogger<ScrapeService> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Value.Targets.Select(target => RunAsync(target, stoppingToken)));

    private async Task RunAsync(ScrapeTarget target, CancellationToken stoppingToken)
    {
        var interval = target.Interval ?? options.Value.DefaultInterval;
        logger.LogInformation("Scraping {Url} every {Interval} as job {Job}", target.Url, interval, target.Job);
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await ScrapeOnceAsync(target, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Scrape of {Url} could not be ingested", target.Url);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task ScrapeOnceAsync(ScrapeTarget target, CancellationToken stoppingToken)
    {
        var result = await scraper.ScrapeAsync(target, options.Value.Timeout, options.Value.MaxBodyBytes, stoppingToken);
        if (result.Failure is not null)
        {
            logger.LogWarning("Scrape of {Url} failed: {Reason}", target.Url, result.Failure);
        }
        if (result.ParseErrors.Count > 0)
        {
            logger.LogWarning("Scrape of {Url} skipped {Count} unparsable lines, first: {First}", target.Url, result.ParseErrors.Count, result.ParseErrors[0]);
        }
        var ingested = await pipeline.IngestAsync(result.Samples, [], stoppingToken);
        if (ingested.Rejected > 0)
        {
            logger.LogDebug("Scrape of {Url}: {Rejected} of {Total} samples refused, first: {Field} {Reason}",
                target.Url, ingested.Rejected, result.Samples.Count, ingested.Errors[0].Field, ingested.Errors[0].Reason);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
