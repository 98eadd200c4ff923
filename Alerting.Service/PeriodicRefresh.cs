using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Alerting;

/// <summary>
/// A cache of rows any replica may change in PostgreSQL: read at start and then every interval, and at once after a change
/// made through this replica. A failed read keeps what was read before; the subclass says so in its own words.
/// </summary>
public abstract class PeriodicRefresh(TimeSpan interval) : PeriodicJob(TimeProvider.System)
{
    public abstract Task RefreshAsync(CancellationToken cancellationToken);

    protected abstract void RefreshFailed(Exception exception);

    protected override string JobName => GetType().Name;

    protected override JobSchedule Schedule => JobSchedule.Every(interval);

    protected override Task RunJobAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    protected override void OnFailed(Exception exception) => RefreshFailed(exception);
}
