using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;
using PerfMonitor.Hosting;

namespace PerfMonitor.AppHost;

/// <summary>
/// Starts the whole system when the AppHost starts and stops everything it started, PostgreSQL included,
/// when the AppHost stops (Ctrl+C or SIGTERM).
/// </summary>
public sealed partial class Orchestrator(
    IOptions<AppHostOptions> options,
    IConfiguration configuration,
    SystemState state,
    IHostApplicationLifetime lifetime,
    ILogger<Orchestrator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = new PerfMonitorOptions
        {
            DataDirectory = options.Value.DataDirectory,
            ExternalPostgres = configuration.GetConnectionString(ResourceNames.MetricsDb),
            ExternalKafka = configuration.GetConnectionString(ResourceNames.Kafka),
            GatewayHttpPort = options.Value.GatewayHttpPort,
            GatewayGrpcPort = options.Value.GatewayGrpcPort,
            KafkaPartitions = options.Value.KafkaPartitions,
            StartupTimeout = options.Value.StartupTimeout,
        };
        // A user trying PerfMonitor on one machine points webhooks at their own loopback receiver.
        settings.ServiceEnvironment[ResourceNames.Alerting] = new() { ["Alerting__AllowPrivateWebhookTargets"] = "true" };

        var clock = Stopwatch.StartNew();
        try
        {
            // Published before it starts, so the resources page shows each resource coming up.
            state.Application = new PerfMonitorApplication(settings, message => LogResourceEvent(message));
            await state.Application.StartAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            state.Phase = "failed";
            LogStartFailed(ex);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }

        state.Phase = "running";
        Console.WriteLine(Describe(state.Application, clock.Elapsed));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (state.Application is { } application)
        {
            state.Phase = "stopping";
            LogStopping();
            await application.DisposeAsync();
            state.Phase = "stopped";
            LogStopped();
        }
    }

    private string Describe(PerfMonitorApplication application, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"PerfMonitor is up in {elapsed.TotalSeconds:0.0}s.");
        text.AppendLine();
        text.AppendLine($"  {"NAME",-10} {"KIND",-32} {"STATE",-10} {"PID",-8} ENDPOINTS");
        foreach (var resource in application.Resources)
        {
            text.AppendLine($"  {resource.Name,-10} {resource.Kind,-32} {resource.State,-10} {resource.ProcessId?.ToString() ?? "-",-8} {string.Join("  ", resource.Endpoints.Values)}");
        }
        text.AppendLine();
        text.AppendLine($"  Resources page: {options.Value.ResourcesUrl}");
        text.AppendLine($"  Gateway:        {application.GatewayUrl}  (gRPC {application.GatewayGrpcUrl})");
        text.AppendLine($"  API key:        {application.ApiKey}  (admin; also in {Path.Combine(application.Options.ResolveDataDirectory(), ApiKeyFile.FileName)})");
        text.AppendLine($"  Dashboard:      {DashboardLogin(application)}");
        text.AppendLine();
        text.AppendLine($"  Try: curl -X POST {application.GatewayUrl}api/v1/samples -H 'X-Api-Key: {application.ApiKey}' -H 'Content-Type: application/json' \\");
        text.AppendLine("         -d '{\"samples\":[{\"metric\":\"http_request_duration_ms\",\"labels\":{\"service\":\"shop\"},\"value\":42}]}'");
        text.AppendLine($"       curl -H 'X-Api-Key: {application.ApiKey}' '{application.GatewayUrl}api/v1/rollups?metric=http_request_duration_ms&labels=service:shop'");
        text.AppendLine();
        text.AppendLine("  Press Ctrl+C to stop everything.");
        return text.ToString();
    }

    /// <summary>The link that signs a browser in (sets the dashboard cookie); "localhost" so it opens as printed.</summary>
    private static string DashboardLogin(PerfMonitorApplication application) =>
        new UriBuilder(application.GatewayUrl) { Host = "localhost", Path = "/login", Query = "key=" + Uri.EscapeDataString(application.ApiKey) }.Uri.ToString();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    private partial void LogResourceEvent(string message);

    [LoggerMessage(Level = LogLevel.Critical, Message = "PerfMonitor could not start; everything started so far was stopped")]
    private partial void LogStartFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping services and infrastructure")]
    private partial void LogStopping();

    [LoggerMessage(Level = LogLevel.Information, Message = "Everything PerfMonitor started has stopped")]
    private partial void LogStopped();
}
