using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// A claimed row while its delivery runs. <see cref="Token"/> is cancelled when the dispatcher stops, when another
/// dispatcher took the row over, or when the lease ran out without a renewal (the database could not be reached): past
/// that point another dispatcher may be sending the same row, so this one must not.
/// </summary>
public sealed class HeldLease : IDisposable
{
    private readonly CancellationTokenSource deadline;
    private readonly Action<HeldLease> release;
    private int takenOver;
    private int disposed;

    internal HeldLease(OutboxNotification notification, TimeSpan remaining, Action<HeldLease> release, CancellationToken stoppingToken)
    {
        Notification = notification;
        this.release = release;
        deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Extend(remaining);
    }

    public OutboxNotification Notification { get; }

    public (Guid Id, Guid LeaseToken) Key => (Notification.Id, Notification.LeaseToken);

    public CancellationToken Token => deadline.Token;

    /// <summary>True once a renewal found the row claimed by another dispatcher (or gone): its result is no longer this one's to write.</summary>
    public bool TakenOver => Volatile.Read(ref takenOver) == 1;

    /// <summary>The database extended the lease; it now ends <paramref name="remaining"/> from now by this process's clock.</summary>
    internal void Extend(TimeSpan remaining)
    {
        try
        {
            if (remaining <= TimeSpan.Zero)
            {
                deadline.Cancel();
            }
            else
            {
                deadline.CancelAfter(remaining);
            }
        }
        catch (ObjectDisposedException)
        {
            // The delivery ended while the renewal was under way.
        }
    }

    /// <summary>A renewal did not find the row under this lease. False when the delivery had already ended (and ended the lease itself).</summary>
    internal bool TakeOver()
    {
        if (Volatile.Read(ref disposed) == 1)
        {
            return false;
        }
        Volatile.Write(ref takenOver, 1);
        try
        {
            deadline.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        return true;
    }

    /// <summary>Stops renewing the lease. Call before the result is written, so a renewal never mistakes a finished row for a lost one.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            release(this);
            deadline.Dispose();
        }
    }
}
