using System.Net;

namespace PerfMonitor.Alerting.Webhooks;

/// <summary>The system resolver (getaddrinfo), which also accepts the numeric spellings inet_aton does.</summary>
public sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
