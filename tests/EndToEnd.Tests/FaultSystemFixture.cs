using PerfMonitor.Contracts;
using PerfMonitor.SystemTesting;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

/// <summary>
/// A whole system of its own for fault tests, which stop its Kafka broker and kill its collector: no other test
/// may share it. The collector spools after 2 s without a delivery report, so an outage shows quickly, and its spool
/// holds only <see cref="SpoolMaxBytes"/>; the built-in collectors run every 2 s.
/// </summary>
public sealed class FaultSystemFixture : IAsyncLifetime
{
    public const long SpoolMaxBytes = 512 * 1024;

    private readonly TempFolder folder = new("perfmon-faults");

    public PerfMonitorSystem App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public HttpClient Collector { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new SystemOptions { DataDirectory = folder.Path };
        options.ServiceEnvironment[ResourceNames.Collector] = new()
        {
            ["Collector__Publishing__SpoolAfter"] = "00:00:02",
            ["Collector__Publishing__RetryBackoff"] = "00:00:00.250",
            // Small enough that a test fills it with a few requests; far above what the other fault tests spool.
            ["Collector__Spool__MaxBytes"] = SpoolMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Collector__Spool__SegmentBytes"] = "65536",
            ["Collector__Collectors__Host__Interval"] = "00:00:02",
            ["Collector__Collectors__Postgres__Interval"] = "00:00:02",
            ["Collector__Collectors__KafkaLag__Interval"] = "00:00:02",
        };
        App = await PerfMonitorSystem.StartAsync(options);
        Gateway = new HttpClient { BaseAddress = App.GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
        Gateway.DefaultRequestHeaders.Add("X-Api-Key", App.ApiKey);
        Collector = new HttpClient { BaseAddress = App.Service(ResourceNames.Collector).HttpUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        Collector.Dispose();
        await App.DisposeAsync();
        folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultSystemFixture>
{
    public const string Name = "whole system, faults injected";
}
