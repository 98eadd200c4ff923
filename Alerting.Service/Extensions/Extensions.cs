using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Secrets;
using PerfMonitor.Alerting.Silences;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMetricsDb(typeof(Extensions).Assembly, "alerting");
        // After the database: its schema migrations must run before the key ring and the secret migration read their tables.
        builder.AddWebhookSecrets();
        builder.AddWebhookTargets();
        builder.AddKafka();
        builder.Services.AddProblemDetails();
        builder.Services.AddGrpc().AddJsonTranscoding();

        builder.Services.AddOptions<AlertingOptions>()
            .BindConfiguration(AlertingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddSingleton<RuleStore>();
        builder.Services.AddSingleton<RuleValidator>();
        builder.Services.AddSingleton<RuleCommands>();
        builder.Services.AddSingleton<RuleCache>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RuleCache>());

        builder.Services.AddSingleton<SilenceStore>();
        builder.Services.AddSingleton<SilenceCache>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SilenceCache>());

        builder.Services.AddSingleton<AlertingMetrics>();
        builder.Services.AddSingleton<PayloadBuilder>();
        builder.Services.AddSingleton<NotificationFactory>();
        builder.Services.AddSingleton<NotificationOutbox>();
        builder.Services.AddSingleton<NotificationLog>();
        builder.Services.AddSingleton<ReceiverPipelines>();
        builder.Services.AddSingleton<WebhookClient>();
        builder.Services.AddSingleton<NotificationSender>();
        builder.Services.AddSingleton<DeliveryDecider>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        builder.Services.AddHostedService<NotificationRetention>();

        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<AlertEngine>();
        builder.Services.AddSingleton<StreamEvaluator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StreamEvaluator>());
        builder.Services.AddHostedService<AlertTicker>();
        builder.Services.AddHealthChecks().AddCheck<EvaluatorReadinessCheck>("evaluator", tags: ["ready"]);
    }
}
