using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Routing;

namespace PerfMonitor.Alerting.Escalation;

/// <summary>Runs an escalation round every Alerting:Routing:PollInterval and wakes delivery when it wrote notifications.</summary>
public sealed partial class EscalationDispatcher(EscalationRound round, IOutboxSignal outbox, IOptions<RoutingOptions> options, TimeProvider clock, ILogger<EscalationDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
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
        }
        while (await Tick(timer, stoppingToken));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation round failed; retrying at the next poll")]
    private partial void LogRoundFailed(Exception exception);
}
