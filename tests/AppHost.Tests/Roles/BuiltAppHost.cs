using Aspire.Hosting;
using Aspire.Hosting.Testing;
using PerfMonitor.SystemTesting;
using PerfMonitor.TestSupport;

namespace PerfMonitor.AppHost.Tests.Roles;

/// <summary>
/// The AppHost's own application model, built once for a test class and never started: building it (the AppHost's
/// whole registration, Aspire's services) is most of a test's time, and the tests only read the model.
/// </summary>
public sealed class BuiltAppHost : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly TempFolder folder = new("perfmon-apphost-roles");

    public DistributedApplication Application { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(Timeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [.. new SystemOptions { DataDirectory = folder.Path }.AppHostArguments()], (settings, _) => settings.DisableDashboard = true, cancellation.Token);
        Application = await builder.BuildAsync(cancellation.Token);
    }

    public async Task DisposeAsync()
    {
        // Missing when building failed.
        if (Application is not null)
        {
            await Application.DisposeAsync();
        }
        folder.Dispose();
    }
}
