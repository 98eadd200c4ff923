using System.Diagnostics;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// Slots of this process's dispatcher held for one commit whose rows are written under <see cref="Lease"/>. The lease's
/// time is counted from the reservation, before the transaction that writes it begins, so this process's deadline comes
/// before the database's, as for a claim. Slots not handed over go back when it is disposed. It belongs to one commit's
/// flow (reserve, write, hand over, dispose), so nothing in it is shared between threads.
/// </summary>
internal sealed class HandOverReservation(DeliverySlots slots, int reserved, TimeSpan duration, Action<OutboxNotification, TimeSpan> start) : IOutboxReservation
{
    private readonly long reservedAt = Stopwatch.GetTimestamp();
    private int unused = reserved;

    public OutboxLease Lease { get; } = new(Guid.NewGuid(), duration);

    /// <summary>Called once, by the commit that made the reservation, on its own flow; no more rows than were reserved start.</summary>
    public void HandOver(IReadOnlyList<OutboxNotification> committed)
    {
        var remaining = Lease.Duration - Stopwatch.GetElapsedTime(reservedAt);
        foreach (var notification in committed)
        {
            // A row without a slot stays leased and is claimed once the lease passes.
            if (unused == 0)
            {
                return;
            }
            unused--;
            start(notification with { LeaseToken = Lease.Token }, remaining);
        }
    }

    public void Dispose()
    {
        slots.Release(unused);
        unused = 0;
    }
}
