using PerfMonitor.Contracts;
using PerfMonitor.SystemTesting;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

/// <summary>
/// The whole system with alerting's delivery tuned for a crash test: attempts may take ten seconds, so a slow
/// receiver keeps a delivery in flight long enough to kill the alerting process in the middle of it.
/// </summary>
public sealed class AlertingSystemFixture : IAsyncLifetime
{
    private readonly TempFolder folder = new("perfmon-e2e-alerting");

    public PerfMonitorSystem App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new SystemOptions { DataDirectory = folder.Path };
        options.ServiceEnvironment[ResourceNames.Alerting] = new()
        {
            ["Alerting__Delivery__AttemptTimeout"] = "00:00:10",
            ["Alerting__Delivery__RescheduleBaseDelay"] = "00:00:00.200",
            ["Alerting__Delivery__RescheduleMaxDelay"] = "00:00:01",
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
        folder.Dispose();
    }
}
