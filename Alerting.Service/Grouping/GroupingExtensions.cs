using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Grouping;

public static class GroupingExtensions
{
    /// <summary>Grouped notifications of routed alerts: the planner, the payloads per receiver kind (with receivers' templates) and the dispatcher that writes them to the outbox.</summary>
    public static IHostApplicationBuilder AddGrouping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RoutedAlerts>();
        builder.Services.AddSingleton<GroupPlanner>();
        builder.Services.AddSingleton<TemplatedPayloads>();
        builder.Services.AddSingleton<GroupPayloads>();
        builder.Services.AddSingleton<GroupRound>();
        builder.Services.AddSingleton<GroupDispatcher>();
        builder.Services.AddSingleton<IRoutedAlertSignal>(sp => sp.GetRequiredService<GroupDispatcher>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GroupDispatcher>());
        return builder;
    }
}
