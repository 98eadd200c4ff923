namespace PerfMonitor.Alerting.Notify;

/// <summary>
/// Delivery's offer to take a transition's notifications straight from its commit, without claiming them: the rows are
/// written already leased to this process's dispatcher and handed over in memory once committed.
/// </summary>
public interface IOutboxHandOver
{
    /// <summary>
    /// Room for <paramref name="count"/> rows, held until the reservation is handed over or disposed; null when delivery
    /// cannot take them now (not running, or too few free slots): the rows are then written unleased, for a claim.
    /// </summary>
    IOutboxReservation? Reserve(int count);
}
