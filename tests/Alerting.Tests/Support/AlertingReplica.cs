using Microsoft.AspNetCore.Builder;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>A second alerting service started by <see cref="AlertingHost.StartReplicaAsync"/>; disposing it stops it.</summary>
public sealed class AlertingReplica(WebApplication app, HttpClient client) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public HttpClient Client { get; } = client;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
