namespace PerfMonitor.Alerting.Rules;

public static class RulesExtensions
{
    /// <summary>Rules in PostgreSQL, their validation at the API's edge, and the cache evaluation reads them from.</summary>
    public static IHostApplicationBuilder AddAlertRules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RuleStore>();
        builder.Services.AddSingleton<RuleValidator>();
        builder.Services.AddSingleton<RuleCommands>();
        builder.Services.AddSingleton<RuleCache>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RuleCache>());
        return builder;
    }
}
