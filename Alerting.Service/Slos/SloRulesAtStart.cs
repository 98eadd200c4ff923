using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// Writes every SLO's rules once at start-up: the example SLOs a migration adds get theirs, and rules written by an
/// older version of the generator are brought up to date. Retries while PostgreSQL does not answer.
/// </summary>
public sealed partial class SloRulesAtStart(SloStore store, SloRuleSync sync, IOptions<AlertingOptions> options, ILogger<SloRulesAtStart> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var slo in await store.ListAsync(stoppingToken))
                {
                    await sync.SyncAsync(slo, stoppingToken);
                }
                return;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                LogSyncFailed(ex);
                await Task.Delay(options.Value.RestartDelay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the SLOs' burn-rate rules at start-up; trying again")]
    private partial void LogSyncFailed(Exception exception);
}
