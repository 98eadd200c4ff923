using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerfMonitor.Embedded.Processes;

namespace PerfMonitor.AppHost.Services;

/// <summary>
/// When the AppHost stops (Ctrl+C, SIGTERM, a test disposing it) the services stop first, each through its stop
/// command while DCP still runs, then the infrastructure the AppHost runs itself. Left to DCP alone, the in-process
/// broker would die with the AppHost before the services close their consumers, and DCP stops only the `dotnet run`
/// it started: a service still shutting down could outlive it. Registered after Aspire's own hosted services, so the
/// host stops it first.
/// </summary>
public sealed partial class OrderlyShutdown(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    AppHostOptions options,
    ILogger<OrderlyShutdown> logger) : IHostedService
{
    private const string PidProperty = "executable.pid";

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ServiceStopTimeout);
        var services = model.Resources.Where(r => r.HasAnnotationOfType<RestartOnCrashAnnotation>()).ToList();
        await Task.WhenAll(services.Select(service => StopServiceAsync(service, deadline.Token)));
        foreach (var infrastructure in model.Resources.OfType<IStopsAfterServices>())
        {
            await infrastructure.StopAfterServicesAsync(cancellationToken);
        }
    }

    private async Task StopServiceAsync(IResource service, CancellationToken deadline)
    {
        var processes = notifications.TryGetCurrentState(service.Name, out var current)
            && current.Snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value is int pid
            && current.Snapshot.State?.Text == KnownResourceStates.Running
                ? ProcessTree.WithDescendants(pid)
                : [];
        try
        {
            await commands.ExecuteCommandAsync(service, KnownResourceCommands.StopCommand, deadline);
            while (processes.Any(ProcessTree.IsAlive))
            {
                await Task.Delay(options.ShutdownPollInterval, deadline);
            }
        }
        catch (OperationCanceledException)
        {
            foreach (var survivor in processes.Where(ProcessTree.IsAlive))
            {
                LogKilled(service.Name, survivor, options.ServiceStopTimeout.TotalSeconds);
                UnixProcess.Signal(survivor, UnixProcess.SigKill);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} (process {Pid}) did not stop within {Seconds}s; killed")]
    private partial void LogKilled(string service, int pid, double seconds);
}
