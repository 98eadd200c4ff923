using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfMonitor.AppHost.Access;
using PerfMonitor.AppHost.Services;
using PerfMonitor.Contracts;

namespace PerfMonitor.SystemTesting;

/// <summary>
/// The whole system, booted from the AppHost's own application model through Aspire.Hosting.Testing: free ports,
/// the caller's data folder, no dashboard and no OTLP export to it. What tests use of it, in one place.
/// </summary>
public sealed class PerfMonitorSystem : IAsyncDisposable
{
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string ResourceLogCategory = "AppHost.Resources";
    private const string AspireCategory = "Aspire.Hosting";
    private const string HealthChecksCategory = "Microsoft.Extensions.Diagnostics.HealthChecks";
    private static readonly string[] ServiceNames = [ResourceNames.Collector, ResourceNames.Analytics, ResourceNames.Alerting, ResourceNames.Gateway];
    private int disposed;

    private PerfMonitorSystem(DistributedApplication application, string dataDirectory)
    {
        Application = application;
        DataDirectory = dataDirectory;
        Kafka = new EmbeddedBroker(application);
        Services = ServiceNames.Select(name => new ServiceHandle(name, application)).ToList();
        ApiKey = File.ReadAllText(ApiKeyFile.Path(dataDirectory)).Trim();
        SignInToken = Service(ResourceNames.Gateway).Snapshot.EnvironmentVariables
            .First(variable => variable.Name == "Access__SignInToken").Value ?? "";
    }

    public DistributedApplication Application { get; }

    public string DataDirectory { get; }

    public EmbeddedBroker Kafka { get; }

    public IReadOnlyList<ServiceHandle> Services { get; }

    /// <summary>The generated admin key the gateway accepts in X-Api-Key (kept in the data folder's api-key file).</summary>
    public string ApiKey { get; }

    /// <summary>This run's one-time token for the PerfMonitor dashboard's <c>/login?t=</c> link.</summary>
    public string SignInToken { get; }

    public Uri GatewayUrl => Service(ResourceNames.Gateway).HttpUrl;

    public Uri GatewayGrpcUrl => Service(ResourceNames.Gateway).GrpcUrl;

    public string KafkaBootstrapServers => Kafka.BootstrapServers;

    public ServiceHandle Service(string name) => Services.Single(s => s.Name == name);

    public async Task<string> PostgresConnectionStringAsync(CancellationToken cancellationToken = default) =>
        await Application.GetConnectionStringAsync(ResourceNames.MetricsDb, cancellationToken)
        ?? throw new InvalidOperationException("metricsdb has no connection string.");

    /// <summary>A resource command, as the dashboard's buttons run it (e.g. stop and start on metricsdb).</summary>
    public async Task ExecuteCommandAsync(string resource, string command, CancellationToken cancellationToken = default)
    {
        var result = await Application.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} on {resource} failed: {result.Message}");
        }
    }

    public static async Task<PerfMonitorSystem> StartAsync(SystemOptions options, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.StartupTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [.. options.AppHostArguments()], (settings, _) => settings.DisableDashboard = true, deadline.Token);
        // Resource output goes to the test log only when it matters; every line of four services would bury the results.
        // PostgreSQL logs everything to stderr, and health checks fail by design until each resource is up.
        builder.Services.AddLogging(logging => logging
            .AddFilter(ResourceLogCategory, LogLevel.Warning)
            .AddFilter($"{ResourceLogCategory}.{ResourceNames.MetricsDb}", LogLevel.None)
            .AddFilter(AspireCategory, LogLevel.Warning)
            .AddFilter(HealthChecksCategory, LogLevel.None));
        foreach (var name in ServiceNames)
        {
            options.ServiceEnvironment.TryGetValue(name, out var extra);
            // Without the dashboard Aspire still points services at localhost:4317, and each one's last flush to
            // nobody would hold its shutdown for the exporter's timeout.
            builder.CreateResourceBuilder<ProjectResource>(name).WithEnvironment(context =>
            {
                context.EnvironmentVariables.Remove(OtlpEndpointVariable);
                foreach (var (variable, value) in extra ?? [])
                {
                    context.EnvironmentVariables[variable] = value;
                }
            });
        }

        var application = await builder.BuildAsync(deadline.Token);
        try
        {
            await application.StartAsync(deadline.Token);
            await application.Services.GetRequiredService<ResourceNotificationService>().WaitForResourceHealthyAsync(ResourceNames.Gateway, deadline.Token);
            return new PerfMonitorSystem(application, options.DataDirectory);
        }
        catch
        {
            await application.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        await Application.StopAsync();
        await Application.DisposeAsync();
    }
}
