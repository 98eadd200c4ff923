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
/// a receiver gets each at least once and can tell repeats apart. A transition's rows skip the claim: written already
/// leased to this dispatcher in the transition's transaction (<see cref="Reserve"/>), they are handed over once committed.
/// </summary>
public sealed partial class OutboxDispatcher(
    NotificationOutbox outbox,
    OutboxLeases leases,
    NotificationSender sender,
    DeliveryDecider decider,
    IOptions<DeliveryOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService, IOutboxSignal, IOutboxHandOver
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly DeliverySlots slots = new(options.Value.MaxConcurrentDeliveries);
    private readonly List<Task> inFlight = [];
    private CancellationToken stopping = new(canceled: true);

    /// <summary>Starts a round now instead of at the next poll (after a transition or a test was written, or a slot freed).</summary>
    public void Wake() => wake.Writer.TryWrite(true);

    /// <summary>
    /// Holds free slots for a commit's <paramref name="count"/> rows, to be written leased to this dispatcher and handed
    /// over once committed; null while not running or when too few slots are free (the rows then wait for a claim).
    /// </summary>
    public IOutboxReservation? Reserve(int count)
    {
        if (stopping.IsCancellationRequested || !slots.TryTake(count))
        {
            return null;
        }
        return new HandOverReservation(slots, count, options.Value.LeaseDuration, StartHandedOver);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
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
            Task[] running;
            lock (inFlight)
            {
                running = [.. inFlight];
            }
            await Task.WhenAll(running);
        }
    }

    /// <summary>One round outside the loop's slots: lease a batch, deliver it, record it. Returns how many rows were claimed.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await leases.ClaimAsync(options.Value.BatchSize, cancellationToken);
        await Task.WhenAll(claimed.Select(lease => DeliverAndRecordAsync(lease, cancellationToken)));
        return claimed.Count;
    }

    /// <summary>Leases due rows into the slots a claim may take and starts each. True when every slot taken got one: more may be due.</summary>
    private async Task<bool> ClaimAndStartAsync(CancellationToken stoppingToken)
    {
        var free = slots.TakeForClaim(options.Value.BatchSize);
        if (free == 0)
        {
            return false;
        }
        IReadOnlyList<HeldLease> claimed = [];
        try
        {
            claimed = await leases.ClaimAsync(free, stoppingToken);
        }
        finally
        {
            slots.Release(free - claimed.Count);
        }
        foreach (var lease in claimed)
        {
            Track(RunInSlotAsync(lease, stoppingToken));
        }
        return claimed.Count == free;
    }

    /// <summary>A committed row written under a reservation's lease: delivered in the slot reserved for it, as if claimed.</summary>
    private void StartHandedOver(OutboxNotification notification, TimeSpan remaining) =>
        Track(RunInSlotAsync(leases.Hold(notification, remaining, stopping), stopping));

    private void Track(Task delivery)
    {
        lock (inFlight)
        {
            inFlight.RemoveAll(task => task.IsCompleted);
            inFlight.Add(delivery);
        }
    }

    private async Task RunInSlotAsync(HeldLease lease, CancellationToken stoppingToken)
    {
        try
        {
            await DeliverAndRecordAsync(lease, stoppingToken);
        }
        finally
        {
            slots.Release(1);
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
