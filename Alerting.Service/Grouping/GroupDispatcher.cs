using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Routing;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// Alertmanager's dispatcher for routed alerts: a round when an alert of a routed rule changed (woken by the notify
/// pipeline after its commit) and at every poll interval (group waits and intervals coming due), each written to the
/// durable outbox, which it then wakes.
/// </summary>
public sealed partial class GroupDispatcher(GroupRound round, IOutboxSignal outbox, IOptions<RoutingOptions> options, TimeProvider clock, ILogger<GroupDispatcher> logger)
    : BackgroundService, IRoutedAlertSignal
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await round.RunAsync(clock.GetUtcNow(), stoppingToken) > 0)
                {
                    outbox.Wake();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogRoundFailed(ex);
            }
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            poll.CancelAfter(options.Value.PollInterval);
            try
            {
                await wake.Reader.ReadAsync(poll.Token);
            }
            catch (OperationCanceledException)
            {
                // The poll interval passed, or the service stops: the loop condition tells which.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Group dispatch round failed; retrying at the next poll")]
    private partial void LogRoundFailed(Exception exception);
}
