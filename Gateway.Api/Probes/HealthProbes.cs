using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Health;

namespace PerfMonitor.Gateway.Probes;

/// <summary>The active health probes of every cluster's replicas: settings, requests and failure threshold.</summary>
public static class HealthProbes
{
    public static IServiceCollection AddHealthProbes(this IServiceCollection services)
    {
        services.AddValidatedOptions<HealthProbeOptions>(HealthProbeOptions.Section);
        // YARP adds its own factory only when none is registered, so replacing works before or after AddReverseProxy.
        services.Replace(ServiceDescriptor.Singleton<IProbingRequestFactory, HealthProbeRequests>());
        services.AddOptions<ConsecutiveFailuresHealthPolicyOptions>()
            .Configure<IOptions<HealthProbeOptions>>(
                (policy, probes) => policy.DefaultThreshold = probes.Value.FailureThreshold);
        return services;
    }
}
