using PerfMonitor.Collector.Ingestion;

namespace PerfMonitor.Collector.Prometheus;

public static class ScrapeRegistration
{
    public const string HttpClientName = "prometheus-scrape";

    /// <summary>Scraping of configured Prometheus targets; nothing runs when none are configured.</summary>
    public static void AddPrometheusScraping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ScrapeOptions>(ScrapeOptions.Section);
        // A scrape is not retried: a slow or failing target must show as such (up=0, its duration), as in Prometheus.
        builder.Services.AddSingleton(sp => new TargetScraper(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<ScrapeService>();
    }
}
