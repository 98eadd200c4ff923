using System.Net;

namespace PerfMonitor.Alerting.Webhooks;

/// <summary>Turns a webhook's host name into addresses; both checks resolve through it, so they judge the same answer.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
