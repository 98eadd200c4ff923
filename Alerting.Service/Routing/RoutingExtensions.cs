using PerfMonitor.Alerting.Receivers;

namespace PerfMonitor.Alerting.Routing;

public static class RoutingExtensions
{
    /// <summary>The routing tree: its stored configuration, the compiled copy every replica routes by, and the default timings.</summary>
    public static IHostApplicationBuilder AddRouting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoutingOptions>()
            .BindConfiguration(RoutingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RoutingStore>();
        builder.Services.AddSingleton<RoutingCache>();
        builder.Services.AddSingleton<IReceiverUsage>(sp => sp.GetRequiredService<RoutingCache>());
        builder.Services.AddSingleton<GroupTimings>();
        builder.Services.AddSingleton<RoutingDryRun>();
        return builder;
    }
}
