using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMetricsDb(typeof(Extensions).Assembly, "alerting");
        builder.AddKafka();
        builder.Services.AddProblemDetails();

        builder.Services.AddOptions<AlertingOptions>()
            .BindConfiguration(AlertingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddSingleton<RuleStore>();
        builder.Services.AddSingleton<RuleValidator>();
        builder.Services.AddSingleton<RuleCache>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RuleCache>());

        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<StreamEvaluator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StreamEvaluator>());
        builder.Services.AddHealthChecks().AddCheck<EvaluatorReadinessCheck>("evaluator", tags: ["ready"]);

        builder.Services.AddSingleton<NotificationQueue>();
        builder.Services.AddHttpClient(WebhookDispatcher.ClientName);
        builder.Services.AddHostedService<WebhookDispatcher>();
    }
}
