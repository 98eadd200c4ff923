using System.Collections.Concurrent;
using PerfMonitor.Contracts;
using PerfMonitor.Hosting;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

/// <summary>
/// The whole system booted through the orchestration library, as AppHost runs it, but on free ports with a
/// throwaway PostgreSQL and the embedded Kafka inside the test process; plus a loopback webhook receiver.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private readonly TempFolder folder = new("perfmon-e2e");

    public PerfMonitorApplication App { get; private set; } = null!;

    public WebhookReceiver Webhooks { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public string ReaderKey { get; } = "pm_reader_" + Guid.NewGuid().ToString("N");

    public string IngesterKey { get; } = "pm_ingester_" + Guid.NewGuid().ToString("N");

    public string LimitedKey { get; } = "pm_limited_" + Guid.NewGuid().ToString("N");

    public ConcurrentQueue<string> Announcements { get; } = new();

    public async Task InitializeAsync()
    {
        Webhooks = await WebhookReceiver.StartAsync();
        var options = new PerfMonitorOptions
        {
            DataDirectory = folder.Path,
            GatewayHttpPort = 0,
            GatewayGrpcPort = 0,
            DurablePostgres = false,
            KafkaPartitions = 8,
        };
        options.ServiceEnvironment[ResourceNames.Alerting] = new() { ["Alerting__AllowPrivateWebhookTargets"] = "true" };
        // Narrower keys beside the generated admin key, for the access-control tests.
        options.ServiceEnvironment[ResourceNames.Gateway] = new()
        {
            ["ApiKeys__reader__Key"] = ReaderKey,
            ["ApiKeys__reader__Scopes"] = "read",
            ["ApiKeys__ingester__Key"] = IngesterKey,
            ["ApiKeys__ingester__Scopes"] = "ingest",
            ["ApiKeys__limited__Key"] = LimitedKey,
            ["ApiKeys__limited__Scopes"] = "read",
            ["ApiKeys__limited__PermitsPerSecond"] = "1",
            ["ApiKeys__limited__Burst"] = "3",
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        App = await PerfMonitorApplication.StartAsync(options, Announcements.Enqueue, timeout.Token);
        Gateway = new HttpClient { BaseAddress = App.GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
        // The gateway requires an API key on every non-public route; tests act as the generated admin.
        Gateway.DefaultRequestHeaders.Add("X-Api-Key", App.ApiKey);
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await App.DisposeAsync();
        await Webhooks.DisposeAsync();
        folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "whole system";
}
