using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Gateway.Ingress;

/// <summary>ASP.NET Core's forwarded-headers handling, trusting only the proxies <see cref="IngressOptions"/> names.</summary>
public static class IngressSetup
{
    public static IServiceCollection AddIngress(this IServiceCollection services)
    {
        services.AddOptions<IngressOptions>().BindConfiguration(IngressOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngressOptions>, IngressValidation>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<IngressOptions>>((forwarded, ingress) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = ingress.Value.ForwardLimit;
            // ASP.NET Core trusts loopback by default; here nothing is trusted unless configured.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in ingress.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in ingress.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }
}
