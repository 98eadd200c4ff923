namespace PerfMonitor.Alerting;

/// <summary>
/// A cache of rows any replica may change in PostgreSQL: read at start and then every interval, and at once after a change
/// made through this replica. A failed read keeps what was read before; the subclass says so in its own words.
/// </summary>
public abstract class PeriodicRefresh(TimeSpan interval) : BackgroundService
{
    public abstract Task RefreshAsync(CancellationToken cancellationToken);

    protected abstract void RefreshFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                RefreshFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
