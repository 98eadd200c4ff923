using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>Runs a <see cref="ScrapeTargetJob"/> per configured target, started and stopped with the host.</summary>
public sealed class ScrapeService(IOptions<ScrapeOptions> options, TargetScraper scraper, IngestPipeline pipeline, ILogger<ScrapeService> logger)
    : IHostedService, IDisposable
{
    private readonly List<ScrapeTargetJob> jobs = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var target in options.Value.Targets)
        {
            var job = new ScrapeTargetJob(target, options.Value, scraper, pipeline, logger);
            jobs.Add(job);
            await job.StartAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(jobs.Select(job => job.StopAsync(cancellationToken)));

    public void Dispose()
    {
        foreach (var job in jobs)
        {
            job.Dispose();
        }
    }
}
