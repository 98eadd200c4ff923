namespace PerfMonitor.Alerting.Notify;

/// <summary>
/// Delivery slots held for one commit. Its rows are written under <see cref="Lease"/>; whatever is not handed over (the
/// commit failed, lost its race, or the process died) stays leased until the lease passes and a claim takes it then,
/// under the same idempotency key.
/// </summary>
public interface IOutboxReservation : IDisposable
{
    OutboxLease Lease { get; }

    /// <summary>Starts delivering <paramref name="committed"/>, the rows written under <see cref="Lease"/>, without claiming them.</summary>
    void HandOver(IReadOnlyList<OutboxNotification> committed);
}
