using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// A mock of DNS, which no machine here can provide for names of our choosing: answers names the test set, changes its
/// answer when told (DNS rebinding), and falls back to the system resolver for the rest (localhost, literals).
/// </summary>
public sealed class FakeDnsResolver : IHostResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> names = new(StringComparer.OrdinalIgnoreCase);
    private readonly DnsHostResolver system = new();

    public void Set(string name, params string[] addresses) => names[name] = [.. addresses.Select(IPAddress.Parse)];

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses)
        : host.EndsWith(".test", StringComparison.OrdinalIgnoreCase) ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
        : system.ResolveAsync(host, cancellationToken);
}
