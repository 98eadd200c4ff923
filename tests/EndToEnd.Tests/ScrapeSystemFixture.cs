using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts;
using PerfMonitor.SystemTesting;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

/// <summary>
/// A real Prometheus target (Debian's node exporter) and the whole system with the collector configured to scrape
/// it every second, the way a user configures targets: through Scrape__Targets__N__* environment variables.
/// </summary>
public sealed class ScrapeSystemFixture : IAsyncLifetime
{
    private readonly TempFolder folder = new("perfmon-scrape");

    public NodeExporter Exporter { get; } = new();

    public string Job { get; } = $"node{Guid.NewGuid():N}"[..12];

    public PerfMonitorSystem App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Exporter.InitializeAsync();
        var options = new SystemOptions { DataDirectory = folder.Path };
        options.ServiceEnvironment[ResourceNames.Collector] = new()
        {
            ["Scrape__Targets__0__Url"] = Exporter.MetricsUrl,
            ["Scrape__Targets__0__Job"] = Job,
            ["Scrape__Targets__0__Interval"] = "00:00:01",
            ["Scrape__Targets__0__Labels__env"] = "e2e",
        };
        App = await PerfMonitorSystem.StartAsync(options);
        Gateway = new HttpClient { BaseAddress = App.GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
        Gateway.DefaultRequestHeaders.Add("X-Api-Key", App.ApiKey);
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        await Exporter.DisposeAsync();
        folder.Dispose();
    }
}
