namespace PerfMonitor.Alerting.Expressions;

public static class ExpressionsExtensions
{
    /// <summary>Expr rules: their queries on the analytics service (by service discovery) and the loop that evaluates them.</summary>
    public static IHostApplicationBuilder AddExprRules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<AnalyticsQueries>(client => client.BaseAddress = AnalyticsQueries.BaseAddress);
        builder.Services.AddSingleton<ExprRuleOwnership>();
        builder.Services.AddHostedService<ExprRuleEvaluator>();
        return builder;
    }
}
