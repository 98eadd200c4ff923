using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>Moves time forward for every instance once per tick: timers for absence, <c>for</c>, keepFiringFor, repeats and silences.</summary>
public sealed partial class AlertTicker(AlertEngine engine, IOptions<AlertingOptions> options, ILogger<AlertTicker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TickInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await engine.TickAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogTickFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert timer tick failed; trying again at the next tick")]
    private partial void LogTickFailed(Exception exception);
}
