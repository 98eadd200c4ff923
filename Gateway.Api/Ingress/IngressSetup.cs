using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Gateway.Ingress;

/// <summary>ASP.NET Core's forwarded-headers handling, trusting only the proxies <see cref="IngressOptions"/> names.</summary>
public static class IngressSetup
{
    public static IServiceCollection AddIngress(this IServiceCollection services)
    {
        services.AddValidatedOptions<IngressOptions>(IngressOptions.Section);
        services.AddSingleton<IValidateOptions<IngressOptions>, IngressValidation>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<IngressOptions>>((forwarded, ingress) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = ingress.Value.ForwardLimit;
            // ASP.NET Core trusts loopback by default; here only what is configured.
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

    /// <summary>
    /// Reads forwarded headers only when some proxy is trusted: with both lists empty the middleware believes every
    /// caller, the opposite of trusting none.
    /// </summary>
    public static IApplicationBuilder UseIngress(this IApplicationBuilder app)
    {
        var ingress = app.ApplicationServices.GetRequiredService<IOptions<IngressOptions>>().Value;
        return ingress.KnownProxies.Length + ingress.KnownNetworks.Length > 0 ? app.UseForwardedHeaders() : app;
    }
}
