namespace PerfMonitor.Alerting.Receivers;

/// <summary>Whether the routing tree sends to a receiver, so one in use is not deleted from under it.</summary>
public interface IReceiverUsage
{
    Task<bool> IsRoutedToAsync(string receiver, CancellationToken cancellationToken);
}
