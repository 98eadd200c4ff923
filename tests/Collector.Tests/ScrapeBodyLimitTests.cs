using PerfMonitor.Collector.Prometheus;
using PerfMonitor.Collector.Tests.Support;
using Xunit.Abstractions;

namespace PerfMonitor.Collector.Tests;

/// <summary>
/// Scraping a target whose page never ends or stalls: the scrape ends with up=0 and the reason, having read no more
/// than the size limit. Measured alone, as what the process allocates around the scrape is part of the proof.
/// </summary>
[Collection(nameof(AllocationMeasured))]
public sealed class ScrapeBodyLimitTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long MaxBodyBytes = 1 << 20;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private readonly TargetScraper scraper = new(new HttpClient(), TimeProvider.System);
    private MisbehavingTarget target = null!;

    public async Task InitializeAsync() => target = await MisbehavingTarget.StartAsync();

    public async Task DisposeAsync() => await target.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task A_metrics_page_that_never_ends_is_up_zero_once_the_size_limit_is_read()
    {
        var (result, allocated) = await AllocationMeasured.MeasureAsync(() =>
            scraper.ScrapeAsync(new ScrapeTarget { Url = target.Endless.ToString(), Job = "endless" }, Generous, MaxBodyBytes, CancellationToken.None));

        output.WriteLine($"allocated {allocated >> 20} MiB around the scrape; failure: {result.Failure}");
        Assert.Equal("the body is larger than 1048576 bytes (Scrape:MaxBodyBytes)", result.Failure);
        Assert.Equal(0, result.Samples.Single(s => s.Metric == "up").Value);
        Assert.True(allocated < 64L << 20, $"the process allocated {allocated >> 20} MiB around the scrape");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_metrics_page_that_stalls_is_up_zero_at_the_deadline_saying_the_body_stopped()
    {
        var result = await scraper.ScrapeAsync(new ScrapeTarget { Url = target.Stalled.ToString(), Job = "stalled" }, TimeSpan.FromSeconds(1), MaxBodyBytes, CancellationToken.None);

        Assert.Equal("timed out after 00:00:01 reading the body", result.Failure);
        Assert.Equal(["up", "scrape_duration_seconds"], result.Samples.Select(s => s.Metric));
        Assert.Equal(0, result.Samples[0].Value);
    }
}
