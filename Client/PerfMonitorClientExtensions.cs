using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PerfMonitor.Client;

public static class PerfMonitorClientExtensions
{
    /// <summary>
    /// Registers the recorder, the bounded buffer and the background shipper, bound from the "PerfMonitor"
    /// configuration section and then <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddPerfMonitorClient(this IServiceCollection services, Action<PerfMonitorClientOptions>? configure = null)
    {
        var options = services.AddOptions<PerfMonitorClientOptions>().BindConfiguration(PerfMonitorClientOptions.Section);
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SampleBuffer>();
        services.TryAddSingleton<PerfMonitorRecorder>();
        services.TryAddSingleton<SampleShipper>();
        services.AddHostedService(sp => sp.GetRequiredService<SampleShipper>());
        return services;
    }

    /// <summary>Records request count, duration and status per route; put it early in the pipeline.</summary>
    public static IApplicationBuilder UsePerfMonitorRequestMetrics(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestMetricsMiddleware>();
}
