using System.Net;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Gateway.Ingress;

/// <summary>Refuses to start with a trusted proxy that is not an address or a network that is not CIDR, naming it.</summary>
public sealed class IngressValidation : IValidateOptions<IngressOptions>
{
    public ValidateOptionsResult Validate(string? name, IngressOptions options)
    {
        var failures = options.KnownProxies.Select((proxy, index) => (proxy, index))
            .Where(entry => !IPAddress.TryParse(entry.proxy, out _))
            .Select(entry => $"{IngressOptions.Section}:KnownProxies:{entry.index} '{entry.proxy}' is not an IP address.")
            .Concat(options.KnownNetworks.Select((network, index) => (network, index))
                .Where(entry => !System.Net.IPNetwork.TryParse(entry.network, out _))
                .Select(entry => $"{IngressOptions.Section}:KnownNetworks:{entry.index} '{entry.network}' is not a CIDR network such as 10.244.0.0/16."))
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
