using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Alerting;

/// <summary>
/// A cache of rows any replica may change in PostgreSQL: read at start and then every interval, and at once after a change
/// made through this replica. A failed read keeps what was read before; the subclass says so in its own words.
/// Reads overlap (the periodic one and those after a change), and one that started earlier may return later: what it
/// read is then older than what the cache holds, so it is dropped. Each read takes a ticket before it starts and is
/// taken on only when no read with a later ticket was taken on first. A change made through this replica is refreshed
/// by a read that starts after the change, so no read that may have missed it can replace what that read found.
/// </summary>
public abstract class PeriodicRefresh<T>(TimeSpan interval) : PeriodicJob(TimeProvider.System)
{
    private readonly Lock taking = new();
    private long started;
    private long taken;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var ticket = Interlocked.Increment(ref started);
        var read = await ReadAsync(cancellationToken);
        lock (taking)
        {
            if (ticket > taken)
            {
                taken = ticket;
                Use(read);
            }
        }
    }

    /// <summary>Reads the rows; nothing of the cache changes until <see cref="Use"/>.</summary>
    protected abstract Task<T> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Takes on what a read found: called at most once per read, one call at a time, never with an older read than the last.</summary>
    protected abstract void Use(T read);

    protected abstract void RefreshFailed(Exception exception);

    protected override string JobName => GetType().Name;

    protected override JobSchedule Schedule => JobSchedule.Every(interval);

    protected override Task RunJobAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    protected override void OnFailed(Exception exception) => RefreshFailed(exception);
}
