using System.Security.Cryptography;
using PerfMonitor.Contracts;
using PerfMonitor.SystemTesting;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

/// <summary>
/// The whole system booted from the AppHost's application model through Aspire.Hosting.Testing, on free ports with
/// a throwaway PostgreSQL and the embedded Kafka inside the test process; plus a loopback webhook receiver.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private readonly TempFolder folder = new("perfmon-e2e");

    public PerfMonitorSystem App { get; private set; } = null!;

    public WebhookReceiver Webhooks { get; private set; } = null!;

    /// <summary>The gateway, as the generated admin key.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    // 128 random bits each: the gateway refuses shorter keys.
    public string ReaderKey { get; } = NewKey("reader");

    public string IngesterKey { get; } = NewKey("ingester");

    public string LimitedKey { get; } = NewKey("limited");

    public async Task InitializeAsync()
    {
        Webhooks = await WebhookReceiver.StartAsync();
        var options = new SystemOptions { DataDirectory = folder.Path };
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
        // Expr rules every second instead of Prometheus's 15 s: a test of one waits for a round, not a quarter minute.
        options.ServiceEnvironment[ResourceNames.Alerting] = new() { ["Alerting__ExprEvaluationInterval"] = "00:00:01" };
        App = await PerfMonitorSystem.StartAsync(options);
        Gateway = new HttpClient { BaseAddress = App.GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
        // The gateway requires an API key on every non-public route; tests act as the generated admin.
        Gateway.DefaultRequestHeaders.Add("X-Api-Key", App.ApiKey);
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (Webhooks is not null)
        {
            await Webhooks.DisposeAsync();
        }
        folder.Dispose();
    }

    private static string NewKey(string name) => $"pm_{name}_{RandomNumberGenerator.GetHexString(32, lowercase: true)}";
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "whole system";
}
