using PerfMonitor.Alerting.Expressions;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Slos;

public static class SlosExtensions
{
    /// <summary>SLOs, the burn-rate rules they own, and their error budget asked of analytics' query API.</summary>
    public static IHostApplicationBuilder AddSlos(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SloOptions>().BindConfiguration(SloOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SloStore>();
        builder.Services.AddSingleton<SloValidator>();
        builder.Services.AddSingleton<SloRuleSync>();
        builder.Services.AddSingleton<SloCommands>();
        builder.Services.AddSingleton<IRuleEditGuard, ManagedRuleGuard>();
        builder.Services.AddTransient<BudgetQuery>();
        builder.Services.AddHttpClient<AnalyticsRangeQueries>(client => client.BaseAddress = AnalyticsQueries.BaseAddress);
        builder.Services.AddHostedService<SloRulesAtStart>();
        return builder;
    }
}
