namespace PerfMonitor.Alerting.Receivers;

/// <summary>Something that sends to receivers by name (the routing tree, report schedules), so one in use is not deleted from under it.</summary>
public interface IReceiverUsage
{
    /// <summary>What of this kind sends to <paramref name="receiver"/> and how to change it, said for a person; null when nothing does.</summary>
    Task<string?> UseOfAsync(string receiver, CancellationToken cancellationToken);
}
