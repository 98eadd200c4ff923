using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PerfMonitor.AppHost.Services;

/// <summary>
/// Aspire runs each project once: a process that dies stays dead (DCP's restart policies cover containers only).
/// This watches the annotated resources and, when one finishes on its own with a failure exit code (a crash, a
/// SIGKILL), starts it again through the same start command as the dashboard's button, after a back-off that
/// doubles per crash and resets after a stable minute. A stop asked for (the dashboard's Stop, the AppHost
/// shutting down) ends in DCP's Terminated state instead and is left alone, as is a clean exit (code 0).
/// Each restart is counted in the resource's <c>restarts</c> property and written to its console log.
/// </summary>
public sealed partial class CrashRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService logs,
    AppHostOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<CrashRestarter> logger) : BackgroundService
{
    public const string RestartsProperty = "restarts";
    private const string FinishedState = "Finished";
    private static readonly TimeSpan StableRun = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, RestartHistory> history = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource.HasAnnotationOfType<RestartOnCrashAnnotation>() && IsCrash(update.Snapshot) && !lifetime.ApplicationStopping.IsCancellationRequested
                    && history.GetOrAdd(update.Resource.Name, _ => new RestartHistory()).TryClaim(update.Snapshot.StartTimeStamp))
                {
                    _ = Task.Run(() => RestartAsync(update.Resource, update.Snapshot, stoppingToken), CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
    }

    private static bool IsCrash(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == FinishedState && snapshot.ExitCode is { } code && code != 0;

    private async Task RestartAsync(IResource resource, CustomResourceSnapshot crashed, CancellationToken cancellationToken)
    {
        var log = logs.GetLogger(resource);
        var record = history[resource.Name];
        var ranFor = crashed.StopTimeStamp - crashed.StartTimeStamp;
        var delay = record.NextDelay(ranFor >= StableRun, options.RestartDelay, options.MaxRestartDelay);
        // In the resource's console (the dashboard) and in the AppHost's own.
        LogCrashed(log, resource.Name, crashed.ExitCode ?? 0, delay.TotalSeconds, record.Count);
        LogCrashed(logger, resource.Name, crashed.ExitCode ?? 0, delay.TotalSeconds, record.Count);
        await notifications.PublishUpdateAsync(resource, s => s with
        {
            Properties = [.. s.Properties.Where(p => p.Name != RestartsProperty), new(RestartsProperty, record.Count)],
        });
        try
        {
            await Task.Delay(delay, cancellationToken);
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, cancellationToken);
            if (!result.Success)
            {
                LogRestartFailed(log, resource.Name, result.Message ?? "no reason given");
                LogRestartFailed(logger, resource.Name, result.Message ?? "no reason given");
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping: nothing to restart.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited with code {ExitCode}; restarting in {Seconds:0.#}s (restart #{Count})")]
    private static partial void LogCrashed(ILogger log, string resource, int exitCode, double seconds, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} could not be restarted: {Reason}")]
    private static partial void LogRestartFailed(ILogger log, string resource, string reason);

    /// <summary>One resource's crashes: each run is restarted once, with a back-off that grows while it keeps crashing.</summary>
    private sealed class RestartHistory
    {
        private readonly Lock gate = new();
        private DateTime? lastClaimed;
        private TimeSpan delay;

        public int Count { get; private set; }

        public bool TryClaim(DateTime? runStarted)
        {
            lock (gate)
            {
                if (runStarted is null || runStarted == lastClaimed)
                {
                    return false;
                }
                lastClaimed = runStarted;
                Count++;
                return true;
            }
        }

        public TimeSpan NextDelay(bool ranStably, TimeSpan first, TimeSpan max)
        {
            lock (gate)
            {
                delay = ranStably || delay == TimeSpan.Zero ? first : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, max.Ticks));
                return delay;
            }
        }
    }
}
