using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// The leases of the rows this replica is delivering, kept alive by a heartbeat: every renewal interval one statement
/// extends all of them by a lease. So the lease can be short (a row whose dispatcher died is due again within one lease)
/// while a slow delivery keeps its row as long as it runs. A row a renewal no longer finds under its lease was taken over
/// and its delivery is cancelled rather than racing the new holder; a lease that could not be renewed in time ends its
/// delivery when it runs out, by this process's clock, which starts before the database's does.
/// </summary>
public sealed partial class OutboxLeases(NotificationOutbox outbox, DeliveryMetrics metrics, IOptions<DeliveryOptions> options, ILogger<OutboxLeases> logger)
    : PeriodicJob(TimeProvider.System)
{
    private readonly ConcurrentDictionary<(Guid Id, Guid LeaseToken), HeldLease> held = new();

    /// <summary>Leases up to <paramref name="limit"/> due rows (committed before this returns) and holds them until each is disposed.</summary>
    public async Task<IReadOnlyList<HeldLease>> ClaimAsync(int limit, CancellationToken stoppingToken)
    {
        var duration = options.Value.LeaseDuration;
        var started = Stopwatch.GetTimestamp();
        var claimed = await outbox.ClaimDueAsync(limit, duration, stoppingToken);
        var remaining = duration - Stopwatch.GetElapsedTime(started);
        metrics.Claimed(claimed.Count);
        return claimed.Select(notification => Track(notification, remaining, stoppingToken)).ToList();
    }

    /// <summary>
    /// Holds the lease of a row its transition's transaction wrote already leased to this process (under
    /// <see cref="OutboxNotification.LeaseToken"/>), with <paramref name="remaining"/> left on it: renewed from now
    /// on like a claimed one, without a claim.
    /// </summary>
    public HeldLease Hold(OutboxNotification notification, TimeSpan remaining, CancellationToken stoppingToken)
    {
        metrics.HandedOver();
        return Track(notification, remaining, stoppingToken);
    }

    private HeldLease Track(OutboxNotification notification, TimeSpan remaining, CancellationToken stoppingToken)
    {
        var lease = new HeldLease(notification, remaining, Forget, stoppingToken);
        held[lease.Key] = lease;
        return lease;
    }

    protected override string JobName => "outbox-lease-renewal";

    /// <summary>
    /// Without jitter: the options fix how many renewals fit in a lease, which a late one would break. A renewal slower than
    /// a lease is no use (the leases have run out by then and their deliveries stopped), so a lease is its timeout. Nothing
    /// is held at start, so the first renewal waits an interval.
    /// </summary>
    protected override JobSchedule Schedule =>
        new(options.Value.LeaseRenewalInterval, options.Value.LeaseDuration) { Jitter = 0, RunAtStart = false };

    /// <summary>One heartbeat: extends every held lease in one statement and cancels the deliveries whose rows were taken over.</summary>
    protected override async Task RunJobAsync(CancellationToken cancellationToken)
    {
        var holding = held.Values.ToList();
        if (holding.Count == 0)
        {
            return;
        }
        var duration = options.Value.LeaseDuration;
        var started = Stopwatch.GetTimestamp();
        var renewed = await outbox.RenewAsync(holding.Select(h => h.Key).ToList(), duration, cancellationToken);
        var remaining = duration - Stopwatch.GetElapsedTime(started);
        foreach (var lease in holding)
        {
            if (renewed.Contains(lease.Key))
            {
                lease.Extend(remaining);
            }
            else if (lease.TakeOver())
            {
                LogTakenOver(lease.Notification.Id);
            }
        }
    }

    protected override void OnFailed(Exception exception) => LogRenewalFailed(exception);

    private void Forget(HeldLease lease) => held.TryRemove(new KeyValuePair<(Guid, Guid), HeldLease>(lease.Key, lease));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} was taken over by another dispatcher; its delivery here is cancelled")]
    private partial void LogTakenOver(Guid notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the outbox leases failed; deliveries whose lease runs out before the next renewal are stopped")]
    private partial void LogRenewalFailed(Exception exception);
}
