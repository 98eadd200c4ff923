using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// The leases of the rows this replica is delivering, kept alive by a heartbeat: every renewal interval one statement
/// extends all of them by a lease. So the lease can be short (a row whose dispatcher died is due again within one lease)
/// while a slow delivery keeps its row as long as it runs. A row a renewal no longer finds under its lease was taken over
/// and its delivery is cancelled rather than racing the new holder; a lease that could not be renewed in time ends its
/// delivery when it runs out, by this process's clock, which starts before the database's does.
/// </summary>
public sealed partial class OutboxLeases(NotificationOutbox outbox, IOptions<DeliveryOptions> options, ILogger<OutboxLeases> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<(Guid Id, Guid LeaseToken), HeldLease> held = new();

    /// <summary>Leases up to <paramref name="limit"/> due rows (committed before this returns) and holds them until each is disposed.</summary>
    public async Task<IReadOnlyList<HeldLease>> ClaimAsync(int limit, CancellationToken stoppingToken)
    {
        var duration = options.Value.LeaseDuration;
        var started = Stopwatch.GetTimestamp();
        var claimed = await outbox.ClaimDueAsync(limit, duration, stoppingToken);
        var remaining = duration - Stopwatch.GetElapsedTime(started);
        var holding = new List<HeldLease>(claimed.Count);
        foreach (var notification in claimed)
        {
            var lease = new HeldLease(notification, remaining, Forget, stoppingToken);
            held[lease.Key] = lease;
            holding.Add(lease);
        }
        return holding;
    }

    /// <summary>One heartbeat: extends every held lease in one statement and cancels the deliveries whose rows were taken over.</summary>
    private async Task RenewAsync(CancellationToken cancellationToken)
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseRenewalInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            // A renewal slower than a lease is no use: the leases have run out by then and their deliveries stopped.
            attempt.CancelAfter(options.Value.LeaseDuration);
            try
            {
                await RenewAsync(attempt.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                LogRenewalFailed(new TimeoutException($"renewing the leases took longer than a lease, {options.Value.LeaseDuration}"));
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                LogRenewalFailed(ex);
            }
        }
    }

    private void Forget(HeldLease lease) => held.TryRemove(new KeyValuePair<(Guid, Guid), HeldLease>(lease.Key, lease));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} was taken over by another dispatcher; its delivery here is cancelled")]
    private partial void LogTakenOver(Guid notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the outbox leases failed; deliveries whose lease runs out before the next renewal are stopped")]
    private partial void LogRenewalFailed(Exception exception);
}
