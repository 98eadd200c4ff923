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
                    await SyncAsync(slo, stoppingToken);
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

    /// <summary>One SLO whose rules the validator refuses must not keep the others' rules from being written.</summary>
    private async Task SyncAsync(Slo slo, CancellationToken cancellationToken)
    {
        try
        {
            await sync.SyncAsync(slo, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            LogRefused(ex, slo.Id, slo.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The burn-rate rules of SLO {SloId} ({Name}) were not written")]
    private partial void LogRefused(Exception exception, Guid sloId, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the SLOs' burn-rate rules at start-up; trying again")]
    private partial void LogSyncFailed(Exception exception);
}
