using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// Drains the outbox. Rows are leased in a committed statement before they are sent, and the leases are renewed while
/// the deliveries run (<see cref="OutboxLeases"/>); each delivery runs in its own slot and records its result in its own
/// short transaction. A slow receiver holds one slot and no database lock, replicas share the work, and a dispatcher that
/// dies mid-delivery leaves its rows to be sent again once their short lease passes, under the same idempotency key, so
/// a receiver gets each at least once and can tell repeats apart.
/// </summary>
public sealed partial class OutboxDispatcher(
    NotificationOutbox outbox,
    OutboxLeases leases,
    NotificationSender sender,
    DeliveryDecider decider,
    IOptions<DeliveryOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService, IOutboxSignal
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentDeliveries);
    private readonly List<Task> inFlight = [];

    /// <summary>Starts a round now instead of at the next poll (after a transition or a test was written, or a slot freed).</summary>
    public void Wake() => wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await ClaimAndStartAsync(stoppingToken))
                    {
                        continue;
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
                await WaitForWorkAsync(stoppingToken);
            }
        }
        finally
        {
            // Deliveries in flight see the same stopping token and give their rows back for the next dispatcher.
            await Task.WhenAll(inFlight);
        }
    }

    /// <summary>One round outside the loop's slots: lease a batch, deliver it, record it. Returns how many rows were claimed.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await leases.ClaimAsync(options.Value.BatchSize, cancellationToken);
        await Task.WhenAll(claimed.Select(lease => DeliverAndRecordAsync(lease, cancellationToken)));
        return claimed.Count;
    }

    /// <summary>Leases as many due rows as there are free slots and starts each. True when every free slot got one: more may be due.</summary>
    private async Task<bool> ClaimAndStartAsync(CancellationToken stoppingToken)
    {
        inFlight.RemoveAll(task => task.IsCompleted);
        var free = Math.Min(slots.CurrentCount, options.Value.BatchSize);
        if (free == 0)
        {
            return false;
        }
        var claimed = await leases.ClaimAsync(free, stoppingToken);
        foreach (var lease in claimed)
        {
            // Only this loop takes slots and it claimed no more rows than were free, so this never waits.
            await slots.WaitAsync(stoppingToken);
            inFlight.Add(RunInSlotAsync(lease, stoppingToken));
        }
        return claimed.Count == free;
    }

    private async Task RunInSlotAsync(HeldLease lease, CancellationToken stoppingToken)
    {
        try
        {
            await DeliverAndRecordAsync(lease, stoppingToken);
        }
        finally
        {
            slots.Release();
            Wake();
        }
    }

    private async Task DeliverAndRecordAsync(HeldLease lease, CancellationToken stoppingToken)
    {
        var notification = lease.Notification;
        DeliveryResult? result;
        // The lease is let go before the result is written, so a renewal never takes a finished row for a lost one.
        using (lease)
        {
            result = await SendUnderLeaseAsync(lease, stoppingToken);
        }
        if (result is null)
        {
            if (!lease.TakenOver)
            {
                await GiveBackAsync(notification);
            }
            return;
        }
        var (status, next) = decider.Decide(notification, result);
        try
        {
            // Not cancelled by shutdown: the attempts happened and their result should be kept.
            if (!await outbox.CompleteAsync(notification, result, status, next, CancellationToken.None))
            {
                LogLeaseLost(notification.Id);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogResultLost(notification.Id, ex);
        }
    }

    /// <summary>The round's result; null when it was cut off with nothing to record (stopping, or the row was taken over).</summary>
    private async Task<DeliveryResult?> SendUnderLeaseAsync(HeldLease lease, CancellationToken stoppingToken)
    {
        try
        {
            return await sender.DeliverAsync(lease.Notification, lease.Token);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || lease.TakenOver)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            // No renewal reached the database in time: another dispatcher may take the row from now on.
            return new DeliveryResult(DeliveryOutcome.Retryable, null, $"its lease of {options.Value.LeaseDuration} ran out unrenewed", []);
        }
    }

    private async Task GiveBackAsync(OutboxNotification notification)
    {
        try
        {
            await outbox.ReleaseAsync(notification, CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogResultLost(notification.Id, ex);
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        poll.CancelAfter(options.Value.PollInterval);
        try
        {
            await wake.Reader.ReadAsync(poll.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The poll interval passed without a wake-up: look for rows that came due.
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox round failed; retrying at the next poll")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} was taken over by another dispatcher after its lease ran out; its result stands")]
    private partial void LogLeaseLost(Guid notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The result of notification {NotificationId} could not be written; it is sent again after its lease")]
    private partial void LogResultLost(Guid notificationId, Exception exception);
}
