using System.Diagnostics;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// Slots of this process's dispatcher held for one commit whose rows are written under <see cref="Lease"/>. The lease's
/// time is counted from the reservation, before the transaction that writes it begins, so this process's deadline comes
/// before the database's, as for a claim. Slots not handed over go back when it is disposed.
/// </summary>
internal sealed class HandOverReservation(DeliverySlots slots, int reserved, TimeSpan duration, Action<OutboxNotification, TimeSpan> start) : IOutboxReservation
{
    private readonly long reservedAt = Stopwatch.GetTimestamp();
    private int unused = reserved;

    public OutboxLease Lease { get; } = new(Guid.NewGuid(), duration);

    public void HandOver(IReadOnlyList<OutboxNotification> committed)
    {
        var remaining = Lease.Duration - Stopwatch.GetElapsedTime(reservedAt);
        // Never more than were reserved: a row without a slot stays leased and is claimed once the lease passes.
        foreach (var notification in committed)
        {
            if (Interlocked.Decrement(ref unused) < 0)
            {
                Interlocked.Increment(ref unused);
                return;
            }
            start(notification with { LeaseToken = Lease.Token }, remaining);
        }
    }

    public void Dispose() => slots.Release(Math.Max(0, Interlocked.Exchange(ref unused, 0)));
}

