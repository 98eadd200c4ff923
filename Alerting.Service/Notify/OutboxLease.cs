namespace PerfMonitor.Alerting.Notify;

/// <summary>
/// A lease written with a notification's row in the transition's own transaction, as a claim would set it: the row is
/// the dispatcher's under <see cref="Token"/> until <see cref="Duration"/> after the transaction began.
/// </summary>
public readonly record struct OutboxLease(Guid Token, TimeSpan Duration);
